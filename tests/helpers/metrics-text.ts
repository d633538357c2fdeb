/**
 * Reading the exporter's `/metrics` text in end-to-end tests: the samples of one source as a
 * map from the series (`name{labels}`, exactly as exposed) to its value text, so two scrapes
 * can be compared with `toEqual`.
 */

/** `name{…source="id"…} value` lines of one source, keyed by everything before the value. */
export function sourceSamples(text: string, source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || !line.includes(`source="${source}"`)) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), line.slice(i + 1));
  }
  return out;
}

/** The value of a per-source family (`name{source="id"}`), or undefined when absent. */
export function sourceValue(text: string, name: string, source: string): number | undefined {
  const v = sourceSamples(text, source).get(`${name}{source="${source}"}`);
  return v === undefined ? undefined : Number(v);
}

/** The family name of a series key `name{…}`. */
export const familyOf = (series: string): string => series.slice(0, series.indexOf('{'));
