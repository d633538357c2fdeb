import type { SnapshotMeta } from './snapshot.js';

/** The README.txt of an export bundle: what each file is, what each column means, how to verify. */
export function bundleReadme(o: { meta: SnapshotMeta; rows: number; artifacts: number; csvName: string; jsonName: string }): string {
  const q = o.meta.query;
  const scope = [
    q.allVintages ? 'every vintage (full revision history)' : 'the current vintage of each value',
    q.source ? `source ${q.source}` : 'all sources',
    q.series ? `series ${q.series}` : 'all series',
  ].join(', ');
  return `enforcement-watch snapshot
==========================

Generated ${new Date(o.meta.generatedAt).toISOString()} by enforcement-watch ${o.meta.version}.
Scope: ${scope}. ${o.rows} rows, ${o.artifacts} agency files.

Files
-----
${o.csvName}   the numbers, one row per observation (opens in a spreadsheet)
${o.jsonName}  the same rows as JSON (labels as an object)
artifacts/<sha256>.<ext>   the agency's own files and pages the rows were read from,
                           byte for byte as the agency served them; the file name is the
                           SHA-256 of the content (the artifact_sha256 column)
MANIFEST.sha256            SHA-256 of every other file in this folder

Verify
------
In this folder run:   sha256sum -c MANIFEST.sha256
(macOS: shasum -a 256 -c MANIFEST.sha256). Every line must say OK. To check one number, find
its row, open artifacts/<artifact_sha256>.* and look it up in the agency's file; agency_url says
where the file was published.

Columns
-------
source           the publication we watch (see the status page or \`enforcement-watch sources\`)
series           what is counted (e.g. cbp_encounters, ice_detained, ice_removals_fytd)
labels           the breakdown as key=value pairs separated by ";" (e.g. component=all;region=southwest_land_border)
period           YYYY-MM for a month, YYYY-MM-DD for a point-in-time figure (the data as-of date)
value            the number (negative numbers are left as numbers)
unit             people, removals or people_per_day
partial          true when the month was still in progress at the data date (not final)
current          true for the newest vintage; false for an earlier value kept as history
revised          true when this value replaced a different, complete earlier value
earlier_value    the value it replaced (empty when not a revision)
agency_url       where the agency published the file this value was read from
published_on     the agency's own publication date of that file, when it states one
fetched_at       when enforcement-watch first fetched that file (UTC)
artifact_sha256  SHA-256 of the agency's file (see artifacts/)
parser           the parser and its version that read the value (id@version)

Notes
-----
The CSV is UTF-8 with a byte-order mark (so Excel detects the encoding) and CRLF line ends
(RFC 4180). Text cells starting with = + - @ or a tab/CR are prefixed with ' so spreadsheet
programs do not run them as formulas; numeric columns are never altered. Spreadsheet programs
may display a YYYY-MM period as a date: the file holds the text as written above.
Agencies revise published numbers; cite the period, the agency file and its publication date.
`.replace(/\n/g, '\r\n');
}
