/**
 * The vocabularies the demo CSVs spread each month's count over: CBP's own component, region,
 * Area of Responsibility, demographic and citizenship spellings, with rough relative weights
 * (Tucson and San Diego the busiest sectors, Swanton on the northern border, Mexico the most
 * common citizenship). A handful per group keeps the files small; the sums are what matter.
 */

export const USBP = 'U.S. Border Patrol';
export const OFO = 'Office of Field Operations';
export type Component = typeof USBP | typeof OFO;

export interface Aor {
  readonly name: string;
  readonly abbv: string;
  readonly weight: number;
}

/** One demographic × citizenship combination and how common it is within its group. */
export interface Mix {
  readonly demographic: string;
  readonly citizenship: string;
  readonly weight: number;
}

/** One component in one land-border region of the nationwide file. */
export interface Group {
  readonly component: Component;
  readonly region: 'Southwest Land Border' | 'Northern Land Border' | 'Other';
  /** Which figure of `nationwideMonth()` this group carries. */
  readonly key: 'sw' | 'north' | 'other';
  readonly aors: readonly Aor[];
  readonly mix: readonly Mix[];
}

const CHINA = 'CHINA, PEOPLES REPUBLIC OF';

const aors = (...list: [string, string, number][]): Aor[] => list.map(([name, abbv, weight]) => ({ name, abbv, weight }));
const mix = (...list: [string, string, number][]): Mix[] => list.map(([demographic, citizenship, weight]) => ({ demographic, citizenship, weight }));

export const NATIONWIDE_GROUPS: readonly Group[] = [
  {
    component: USBP,
    region: 'Southwest Land Border',
    key: 'sw',
    aors: aors(['Big Bend Sector', 'BBT', 2], ['Del Rio Sector', 'DRT', 10], ['El Centro Sector', 'ELC', 4], ['El Paso Sector', 'EPT', 10], ['Laredo Sector', 'LRT', 4], ['Rio Grande Valley Sector', 'RGV', 14], ['San Diego Sector', 'SDC', 14], ['Tucson Sector', 'TCA', 16], ['Yuma Sector', 'YUM', 6]),
    mix: mix(['Single Adults', 'MEXICO', 40], ['Single Adults', 'GUATEMALA', 10], ['Single Adults', 'HONDURAS', 7], ['Single Adults', 'EL SALVADOR', 4], ['Single Adults', 'ECUADOR', 4], ['Single Adults', CHINA, 3], ['FMUA', 'VENEZUELA', 6], ['FMUA', 'OTHER', 6], ['UAC', 'GUATEMALA', 5], ['Accompanied Minors', 'MEXICO', 2]),
  },
  {
    component: USBP,
    region: 'Northern Land Border',
    key: 'north',
    aors: aors(['Blaine Sector', 'BLW', 3], ['Buffalo Sector', 'BUN', 1], ['Detroit Sector', 'DTM', 1], ['Grand Forks Sector', 'GFN', 1], ['Havre Sector', 'HVM', 1], ['Houlton Sector', 'HTM', 1], ['Spokane Sector', 'SPW', 2], ['Swanton Sector', 'SWB', 10]),
    mix: mix(['Single Adults', 'CANADA', 10], ['Single Adults', 'INDIA', 12], ['Single Adults', 'MEXICO', 14], ['Single Adults', 'OTHER', 10], ['FMUA', 'OTHER', 6], ['UAC', 'MEXICO', 1]),
  },
  {
    component: USBP,
    region: 'Other',
    key: 'other',
    aors: aors(['Miami Sector', 'MIP', 6], ['New Orleans Sector', 'NOL', 2], ['Ramey Sector', 'RMY', 3]),
    mix: mix(['Single Adults', 'CUBA', 10], ['Single Adults', 'HAITI', 6], ['Single Adults', 'OTHER', 6], ['FMUA', 'CUBA', 3]),
  },
  {
    component: OFO,
    region: 'Southwest Land Border',
    key: 'sw',
    aors: aors(['El Paso Field Office', 'El Paso', 5], ['Laredo Field Office', 'Laredo', 6], ['San Diego Field Office', 'San Diego', 10], ['Tucson Field Office', 'Tucson', 4]),
    mix: mix(['Single Adults', 'MEXICO', 40], ['Single Adults', 'HAITI', 8], ['Single Adults', CHINA, 3], ['Single Adults', 'OTHER', 10], ['FMUA', 'MEXICO', 15], ['FMUA', 'VENEZUELA', 6], ['UAC', 'MEXICO', 2], ['Accompanied Minors', 'OTHER', 3]),
  },
  {
    component: OFO,
    region: 'Northern Land Border',
    key: 'north',
    aors: aors(['Boston Field Office', 'Boston', 2], ['Buffalo Field Office', 'Buffalo', 5], ['Detroit Field Office', 'Detroit', 4], ['Seattle Field Office', 'Seattle', 6]),
    mix: mix(['Single Adults', 'CANADA', 30], ['Single Adults', 'INDIA', 8], ['Single Adults', 'MEXICO', 6], ['Single Adults', CHINA, 3], ['Single Adults', "CÔTE D'IVOIRE", 1], ['Single Adults', 'OTHER', 15], ['FMUA', 'OTHER', 5], ['Accompanied Minors', 'CANADA', 3]),
  },
  {
    component: OFO,
    region: 'Other',
    key: 'other',
    aors: aors(['Chicago Field Office', 'Chicago', 3], ['Houston Field Office', 'Houston', 4], ['Los Angeles Field Office', 'Los Angeles', 5], ['Miami Field Office', 'Miami', 8], ['New York Field Office', 'New York', 7], ['San Francisco Field Office', 'San Francisco', 3], ['San Juan Field Office', 'San Juan', 2]),
    mix: mix(['Single Adults', 'CUBA', 12], ['Single Adults', 'HAITI', 10], ['Single Adults', 'NICARAGUA', 6], ['Single Adults', 'VENEZUELA', 8], ['Single Adults', CHINA, 4], ['Single Adults', 'KOREA, SOUTH', 2], ['Single Adults', 'OTHER', 20], ['FMUA', 'HAITI', 6]),
  },
];

const SBO_CITIZENSHIPS: readonly [string, number][] = [['El Salvador', 6], ['Guatemala', 15], ['Honduras', 12], ['Mexico', 40], ['Other', 27]];

function crossMix(demographics: readonly [string, number][], citizenships: readonly [string, number][]): Mix[] {
  return demographics.flatMap(([demographic, dw]) => citizenships.map(([citizenship, cw]) => ({ demographic, citizenship, weight: dw * cw })));
}

/** The southwest file has no AOR column and groups citizenship into five values. */
export const SBO_MIX: Readonly<Record<Component, readonly Mix[]>> = {
  [USBP]: crossMix([['Accompanied Minors', 3], ['FMUA', 25], ['Single Adults', 60], ['UAC', 10]], SBO_CITIZENSHIPS),
  [OFO]: crossMix([['Accompanied Minors', 8], ['FMUA', 25], ['Single Adults', 60], ['UAC', 3]], SBO_CITIZENSHIPS),
};

/**
 * Percent of a month's encounters processed under Title 42 (expulsions), which ended on
 * May 11, 2023; a rough share, used only to split rows as the real files do.
 */
export function title42Percent(period: string, component: Component): number {
  if (period >= '2023-06') return 0;
  if (period === '2023-05') return component === USBP ? 12 : 2;
  if (period >= '2022-10') return component === USBP ? 40 : 8;
  return component === USBP ? 55 : 20;
}
