/**
 * The figures of three real ICE detention-statistics workbooks, as published on
 * https://www.ice.gov/detain/detention-management: the end-of-FY2024 edition (IIDS pull
 * 10/07/2024) and the FY2025 editions dated 01/03/2025 (pull 12/23/2024) and 01/16/2025 (pull
 * 01/06/2025). Every number below is the one in ICE's file; totals the workbook derives
 * (Total rows, percentages, year sums of book-ins) are recomputed by the builder and equal the
 * published ones.
 */

/** ICE and CBP counts, in that order (ICE's column order). */
export type ByAgency = readonly [ice: number, cbp: number];

export interface IceEdition {
  /** File name under `/doclib/detention/`. */
  readonly fileName: string;
  /** Day the file was posted (Last-Modified of the demo route). */
  readonly posted: string;
  /** Link text on the detention-management page. */
  readonly linkText: string;
  /** Title suffix, `FY2025` or `EOFY2024` for a year-end edition. */
  readonly titleYear: string;
  /** Sheet name suffixes, e.g. `FY25` (`Detention FY25`) and `EOFY24` (`Facilities EOFY24`). */
  readonly sheets: { readonly detention: string; readonly facilities: string };
  /** IIDS data pull date as ICE writes it, `MM/DD/YYYY`. */
  readonly pullDate: string;
  /** Currently detained by criminality: convicted, pending charges, other immigration violator. */
  readonly detained: { readonly convicted: ByAgency; readonly pending: ByAgency; readonly other: ByAgency };
  /** Initial book-ins per month from October, as far as the data go (later months are 0). */
  readonly bookIns: { readonly ice: readonly number[]; readonly cbp: readonly number[] };
  /** Initial book-ins by criminality: convicted, pending, other. */
  readonly bookInsByCriminality: readonly [number, number, number];
  readonly finalBookOuts: number;
  /** Fiscal-year-to-date removals, and those with a FAMU identifier. */
  readonly removals: { readonly total: number; readonly famu: number };
  /** Average daily population per month from October, and the FY overall (last element). */
  readonly adp: { readonly cbp: readonly number[]; readonly ice: readonly number[]; readonly all: readonly number[] };
}

export const EOFY24: IceEdition = {
  fileName: 'FY24_detentionStats.xlsx',
  posted: '2024-12-19',
  linkText: 'FY 2024 Detention Statistics (end of year)',
  titleYear: 'EOFY2024',
  sheets: { detention: 'FY24', facilities: 'EOFY24' },
  pullDate: '10/07/2024',
  detained: { convicted: [8724, 1395], pending: [4061, 689], other: [848, 21967] },
  bookIns: {
    ice: [6840, 6770, 7736, 6538, 7387, 7548, 8441, 8451, 7357, 8009, 8190, 7348],
    cbp: [17278, 10922, 13349, 13998, 17044, 14557, 15533, 20131, 17677, 15635, 16516, 14658],
  },
  bookInsByCriminality: [70279, 26528, 181106],
  finalBookOuts: 268480,
  removals: { total: 271484, famu: 49435 },
  adp: {
    cbp: [
      28298.5483870968, 28808.9, 26089.2903225806, 26889.8709677419, 27440.8275862069, 26426.8387096774, 22603.3333333333,
      24271.7419354839, 25008.8, 23432.3225806452, 22766.0322580645, 23909.7666666667, 25489.4043715847,
    ],
    ice: [
      10223.7419354839, 10391.6666666667, 10916.4193548387, 11304.4516129032, 11638.724137931, 11944.935483871, 12465.7333333333,
      12950.1612903226, 13256.1666666667, 13728.4193548387, 13897.4516129032, 14073.1666666667, 12232.3989071038,
    ],
    all: [
      38522.2903225806, 39200.5666666667, 37005.7096774194, 38194.3225806452, 39079.5517241379, 38371.7741935484, 35069.0666666667,
      37221.9032258065, 38264.9666666667, 37160.7419354839, 36663.4838709677, 37982.9333333333, 37721.8032786885,
    ],
  },
};

export const FY25_0103: IceEdition = {
  fileName: 'FY25_detentionStats01032025.xlsx',
  posted: '2025-01-03',
  linkText: 'FY 2025 Detention Statistics (January 3, 2025)',
  titleYear: 'FY2025',
  sheets: { detention: 'FY25', facilities: 'FY25' },
  pullDate: '12/23/2024',
  detained: { convicted: [8937, 1341], pending: [4512, 759], other: [871, 22732] },
  bookIns: { ice: [8614, 7558, 7243], cbp: [15010, 13572, 12757] },
  bookInsByCriminality: [17145, 8136, 39473],
  finalBookOuts: 61914,
  removals: { total: 69546, famu: 9337 },
  adp: {
    cbp: [24450.064516129, 24439.3666666667, 24325.5, 24407.2696629213],
    ice: [14274.6774193548, 14575.6333333333, 14751.9285714286, 14526.2696629213],
    all: [38724.7419354839, 39015, 39077.4285714286, 38933.5393258427],
  },
};

export const FY25_0116: IceEdition = {
  fileName: 'FY25_detentionStats01162025.xlsx',
  posted: '2025-01-16',
  linkText: 'FY 2025 Detention Statistics (January 16, 2025)',
  titleYear: 'FY2025',
  sheets: { detention: 'FY25', facilities: 'FY25' },
  pullDate: '01/06/2025',
  detained: { convicted: [9094, 1400], pending: [4605, 755], other: [858, 22991] },
  bookIns: { ice: [8615, 7558, 7884, 2363], cbp: [15007, 13569, 14255, 4011] },
  bookInsByCriminality: [19427, 9202, 44633],
  finalBookOuts: 69783,
  removals: { total: 76939, famu: 10446 },
  adp: {
    cbp: [24443.2903225806, 24428.2333333333, 24386.8387096774, 25165, 24498.9902912621],
    ice: [14277.2258064516, 14577.6333333333, 14767.6451612903, 14934.0909090909, 14582.4757281553],
    all: [38720.5161290323, 39005.8666666667, 39154.4838709677, 40099.0909090909, 39081.4660194175],
  },
};

/** Every edition the demo serves, newest first (the order ICE's page parser ranks them). */
export const ICE_EDITIONS: readonly IceEdition[] = [FY25_0116, FY25_0103, EOFY24];
