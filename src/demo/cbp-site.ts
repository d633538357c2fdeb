/**
 * The CBP half of the demo agency site: every page and file the CBP sources in
 * `scrapers/cbp.ts` fetch, at cbp.gov's own paths, generated in code (deterministic: no clock,
 * no unseeded randomness) in the layouts CBP serves. The demo world is mid-September 2026:
 * the Nationwide Encounters page runs through Aug-26 (Last Modified Sep 16, 2026) and the
 * nationwide CSV of Sep 4, 2026 covers FY2023 – Aug 2026. The Southwest Land Border dataset
 * listing offers the FY22 – FY25 (FYTD) August file, the one whose every month is known.
 *
 * The figures mirror CBP's published ones (see `cbp-figures.ts` for which are published and
 * which are plausible fill-ins), so every source's cycle succeeds and shows realistic numbers:
 * e.g. southwest encounters March 2025 = 11,012 (USBP 7,180 + OFO 3,832) in the CSVs, 7,179
 * USBP southwest apprehensions on the FY2025 page, 8,386 in the September 2025 release.
 */
import type { Route } from './agency-site.js';
import { nationwideAorCsv, sboEncountersCsv } from './cbp-csv.js';
import { FY2025_TABLE, FY2026_TABLE } from './cbp-figures.js';
import { type DatasetFile, datasetListingPage } from './cbp-listings.js';
import { csvRoute, htmlRoute } from './cbp-markup.js';
import { nationwideEncountersPage, southwestPage } from './cbp-pages.js';
import { mediaReleasesPage, RELEASES, releasePage } from './cbp-releases.js';

/** Last Modified of the current-year pages and the nationwide listing, as on cbp.gov. */
const CURRENT_MODIFIED = '2026-09-16';
const FY2025_MODIFIED = '2025-11-14';

/** Oldest first, as Drupal lists uploads; the listing parser sorts them by posted date. */
function nationwideFiles(): DatasetFile[] {
  return [
    {
      path: '/sites/default/files/2026-08/nationwide-encounters-fy23-fy26-jul-aor.csv',
      listTitle: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - July',
      tableTitle: 'Nationwide Encounters Dataset FY23-FY26 by Area of Responsibility - July',
      posted: '2026-08-05',
      body: nationwideAorCsv('2026-07'),
    },
    {
      path: '/sites/default/files/2026-09/nationwide-encounters-fy23-fy26-aug-aor_0.csv',
      listTitle: 'FY23 - FY26 (FYTD) Nationwide Encounters by Area of Responsibility - August',
      tableTitle: 'Nationwide Encounters Dataset FY23-FY26 by Area of Responsibility - August',
      posted: '2026-09-04',
      body: nationwideAorCsv('2026-08'),
    },
  ];
}

function southwestFiles(): DatasetFile[] {
  return [
    {
      path: '/sites/default/files/2025-08/sbo-encounters-fy22-fy25-jul.csv',
      listTitle: 'FY22 - FY25 (FYTD) Southwest Land Border Encounters - July',
      tableTitle: 'Southwest Land Border Encounters FY22-FY25 - July',
      posted: '2025-08-06',
      body: sboEncountersCsv('2025-07'),
    },
    {
      path: '/sites/default/files/2025-09/sbo-encounters-fy22-fy25-aug.csv',
      listTitle: 'FY22 - FY25 (FYTD) Southwest Land Border Encounters - August',
      tableTitle: 'Southwest Land Border Encounters FY22-FY25 - August',
      posted: '2025-09-05',
      body: sboEncountersCsv('2025-08'),
    },
  ];
}

const fileRoutes = (files: readonly DatasetFile[]): [string, Route][] => files.map((f) => [f.path, csvRoute(f.body, f.posted)]);

function datasetRoutes(): [string, Route][] {
  const nationwide = nationwideFiles();
  const southwest = southwestFiles();
  const nationwideListing = datasetListingPage({
    title: 'Nationwide Encounters',
    intro: 'Encounter data includes U.S. Border Patrol Title 8 apprehensions, Office of Field Operations Title 8 inadmissibles, and all Title 42 expulsions for fiscal years 2020 to date. Data is available for the Northern Land Border, Southwest Land Border, and Nationwide (i.e., air, land, and sea modes of transportation) encounters.',
    dashboard: { href: '/newsroom/stats/nationwide-encounters', title: 'Nationwide Encounters' },
    files: nationwide,
    lastModified: CURRENT_MODIFIED,
  });
  const southwestListing = datasetListingPage({
    title: 'Southwest Land Border Encounters',
    intro: 'Southwest Land Border encounter data includes U.S. Border Patrol Title 8 apprehensions, Office of Field Operations Title 8 inadmissibles, and all Title 42 expulsions.',
    dashboard: { href: '/newsroom/stats/southwest-land-border-encounters', title: 'Southwest Land Border Encounters' },
    files: southwest,
    lastModified: southwest.at(-1)!.posted,
  });
  return [
    ['/document/stats/nationwide-encounters', htmlRoute(nationwideListing, CURRENT_MODIFIED)],
    ...fileRoutes(nationwide),
    ['/document/stats/southwest-land-border-encounters', htmlRoute(southwestListing, southwest.at(-1)!.posted)],
    ...fileRoutes(southwest),
  ];
}

/**
 * Every CBP page and file of the demo site, by cbp.gov path: the two Nationwide Encounters
 * pages, the Southwest Land Border Encounters page, both dataset listings with their CSVs,
 * and the newsroom listing with its releases. Each route carries a Last-Modified header.
 */
export function cbpDemoRoutes(): [path: string, Route][] {
  const newestRelease = RELEASES[0]!.released;
  return [
    ['/newsroom/stats/nationwide-encounters', htmlRoute(nationwideEncountersPage(FY2026_TABLE, 'current', CURRENT_MODIFIED), CURRENT_MODIFIED)],
    ['/newsroom/stats/nationwide-encounters-fy2025', htmlRoute(nationwideEncountersPage(FY2025_TABLE, 'final', FY2025_MODIFIED), FY2025_MODIFIED)],
    ['/newsroom/stats/southwest-land-border-encounters', htmlRoute(southwestPage(FY2026_TABLE, CURRENT_MODIFIED), CURRENT_MODIFIED)],
    ...datasetRoutes(),
    ['/newsroom/media-releases/all', htmlRoute(mediaReleasesPage(RELEASES), newestRelease)],
    ...RELEASES.map((r): [string, Route] => [r.path, htmlRoute(releasePage(r), r.released)]),
  ];
}
