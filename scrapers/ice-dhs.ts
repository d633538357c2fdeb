/**
 * The ICE and DHS OHSS sources and their parsers. Cadences are the agencies' publication
 * rhythms (DOMAIN.md): ICE detention workbooks about every 14 days (statute: twice a month);
 * the ICE statistics dashboards were quarterly and OHSS monthly until they froze, so those
 * sources are marked `frozen` and polled only hourly.
 */
import { days, type SourceDef } from '../src/core/source.js';
import type { ParserDef, Publication } from '../src/core/types.js';
import { iceDetentionPageParser } from './ice-detention-page.js';
import { iceDetentionXlsxParser } from './ice-detention-xlsx.js';
import { iceStatisticsPageParser } from './ice-statistics-page.js';
import { ohssKhsmPageParser, ohssKhsmXlsxParser } from './ohss-khsm.js';
import { ohssMonthlyListingParser } from './ohss-monthly-listing.js';

const HOURLY = '0 * * * *';

/** The KHSM page may offer several workbooks; the USBP one carries our series. */
function pickUsbpWorkbook(publications: readonly Publication[]): Publication | undefined {
  return publications.find((p) => /usbp|border[-_ ]?patrol/i.test(`${p.url} ${p.title ?? ''}`)) ?? publications[0];
}

export const iceDhsSources: readonly SourceDef[] = [
  {
    id: 'ice-detention-stats',
    agency: 'ICE',
    title: 'ICE detention statistics (detention-management workbooks)',
    landingUrl: 'https://www.ice.gov/detain/detention-management',
    schedule: '*/15 * * * *',
    cadence: { expectedIntervalSeconds: days(15), graceSeconds: days(3) },
    landing: iceDetentionPageParser,
    follow: { parser: iceDetentionXlsxParser },
  },
  {
    id: 'ice-statistics',
    agency: 'ICE',
    title: 'ICE statistics dashboards',
    landingUrl: 'https://www.ice.gov/statistics',
    schedule: HOURLY,
    cadence: { expectedIntervalSeconds: days(92), graceSeconds: days(30) },
    landing: iceStatisticsPageParser,
    frozen: true,
  },
  {
    id: 'ohss-monthly-tables',
    agency: 'DHS OHSS',
    title: 'DHS OHSS Immigration Enforcement and Legal Processes Monthly Tables',
    landingUrl:
      'https://ohss.dhs.gov/topics/immigration/immigration-enforcement/immigration-enforcement-and-legal-processes-monthly-tables',
    schedule: HOURLY,
    cadence: { expectedIntervalSeconds: days(31), graceSeconds: days(31) },
    landing: ohssMonthlyListingParser,
    frozen: true,
  },
  {
    id: 'ohss-khsm-encounters',
    agency: 'DHS OHSS',
    title: 'DHS OHSS Key Homeland Security Metric: CBP encounters (USBP)',
    landingUrl: 'https://ohss.dhs.gov/khsm/cbp-encounters',
    schedule: HOURLY,
    cadence: { expectedIntervalSeconds: days(31), graceSeconds: days(31) },
    landing: ohssKhsmPageParser,
    follow: { parser: ohssKhsmXlsxParser, pick: pickUsbpWorkbook },
    frozen: true,
  },
];

export const iceDhsParsers: readonly ParserDef[] = [
  iceDetentionPageParser,
  iceDetentionXlsxParser,
  iceStatisticsPageParser,
  ohssMonthlyListingParser,
  ohssKhsmPageParser,
  ohssKhsmXlsxParser,
];
