/**
 * The CBP sources: what we fetch from cbp.gov, how often CBP publishes it, and which parser
 * reads it. Parsers live in their own modules; this file only wires them. Every cbp.gov source
 * sets `browserUserAgent` because cbp.gov rejects clients without a browser-like User-Agent.
 *
 * Cadence is CBP's rhythm, not our polling: monthly data (CSVs 3–6 days after month end,
 * pages mid-month, press releases the 12th–24th of the following month in 2025).
 */
import { days, type SourceDef } from '../src/core/source.js';
import type { ParserDef } from '../src/core/types.js';
import { cbpDatasetListing, pickNationwideAorCsv, pickSouthwestSboCsv } from './cbp-dataset-listing.js';
import { cbpEncountersCsv } from './cbp-encounters-csv.js';
import { cbpEncountersTable } from './cbp-encounters-table.js';
import { cbpMediaReleaseListing, cbpMonthlyUpdate } from './cbp-monthly-update.js';
import { cbpSouthwestPage } from './cbp-southwest-page.js';

export { pickNationwideAorCsv, pickSouthwestSboCsv } from './cbp-dataset-listing.js';
export { parseCsvStream } from './cbp-encounters-csv.js';

/** Every CBP parser, registered once in `scrapers/index.ts`. */
export const cbpParsers: readonly ParserDef[] = [
  cbpEncountersTable,
  cbpDatasetListing,
  cbpEncountersCsv,
  cbpSouthwestPage,
  cbpMediaReleaseListing,
  cbpMonthlyUpdate,
];

const MONTHLY = { expectedIntervalSeconds: days(31), graceSeconds: days(7) } as const;

export const cbpSources: readonly SourceDef[] = [
  {
    id: 'cbp-nationwide-encounters',
    agency: 'CBP',
    title: 'CBP Nationwide Encounters: USBP apprehensions table (current fiscal year)',
    landingUrl: 'https://www.cbp.gov/newsroom/stats/nationwide-encounters',
    schedule: '*/15 * * * *',
    cadence: MONTHLY,
    browserUserAgent: true,
    landing: cbpEncountersTable,
  },
  {
    id: 'cbp-nationwide-encounters-fy2025',
    agency: 'CBP',
    title: 'CBP Nationwide Encounters FY2025: USBP apprehensions table (final year, frozen)',
    landingUrl: 'https://www.cbp.gov/newsroom/stats/nationwide-encounters-fy2025',
    schedule: '0 * * * *',
    cadence: { expectedIntervalSeconds: days(365), graceSeconds: days(30) },
    browserUserAgent: true,
    landing: cbpEncountersTable,
    // A past-year page is final; a change is a revision worth recording, not a new month.
    frozen: true,
  },
  {
    id: 'cbp-nationwide-csv',
    agency: 'CBP',
    title: 'CBP Nationwide Encounters dataset: newest by-Area-of-Responsibility CSV',
    landingUrl: 'https://www.cbp.gov/document/stats/nationwide-encounters',
    schedule: '*/30 * * * *',
    cadence: MONTHLY,
    browserUserAgent: true,
    landing: cbpDatasetListing,
    follow: { parser: cbpEncountersCsv, pick: pickNationwideAorCsv },
  },
  {
    id: 'cbp-southwest-csv',
    agency: 'CBP',
    title: 'CBP Southwest Land Border Encounters dataset: newest sbo-encounters CSV',
    landingUrl: 'https://www.cbp.gov/document/stats/southwest-land-border-encounters',
    schedule: '*/30 * * * *',
    cadence: MONTHLY,
    browserUserAgent: true,
    landing: cbpDatasetListing,
    follow: { parser: cbpEncountersCsv, pick: pickSouthwestSboCsv },
  },
  {
    id: 'cbp-southwest-page',
    agency: 'CBP',
    title: 'CBP Southwest Land Border Encounters page (Tableau only: Last Modified and workbook month)',
    landingUrl: 'https://www.cbp.gov/newsroom/stats/southwest-land-border-encounters',
    schedule: '*/30 * * * *',
    cadence: MONTHLY,
    browserUserAgent: true,
    landing: cbpSouthwestPage,
  },
  {
    id: 'cbp-monthly-update',
    agency: 'CBP',
    title: 'CBP monthly update press release (headline figures)',
    landingUrl: 'https://www.cbp.gov/newsroom/media-releases/all',
    schedule: '*/30 * * * *',
    // Releases came between the 12th and the 24th of the following month in 2025.
    cadence: { expectedIntervalSeconds: days(31), graceSeconds: days(14) },
    browserUserAgent: true,
    landing: cbpMediaReleaseListing,
    follow: { parser: cbpMonthlyUpdate },
  },
];
