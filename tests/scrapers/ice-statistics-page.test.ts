import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LayoutError } from '../../src/core/errors.js';
import { iceStatisticsPageParser } from '../../scrapers/ice-statistics-page.js';

const fixture = readFileSync(new URL('../fixtures/ice/statistics.html', import.meta.url));
const parse = (html: string | Buffer) => iceStatisticsPageParser.parse({ body: Buffer.from(html), url: 'https://www.ice.gov/statistics' });

describe('ice-statistics-page parse()', () => {
  it('reads the latest "as of" date of a data sentence and the Last Reviewed date', () => {
    const r = parse(fixture);
    expect(r.dataAsOf).toBe('2024-12-31');
    expect(r.publishedOn).toBe('2025-01-23');
    expect(r.signals).toEqual({ asOfText: 'The FY2025 data on this page is current as of December 31, 2024.' });
    expect(r.observations).toEqual([]);
    expect(r.issues).toEqual([]);
  });

  it('reads "data through <Month YYYY>" as the last day of that month', () => {
    const r = parse('<main><p>FY2025 data through December 2024 are shown below.</p></main>');
    expect(r.dataAsOf).toBe('2024-12-31');
    expect(r.signals).toEqual({ asOfText: 'FY2025 data through December 2024 are shown below.' });
    expect(r.publishedOn).toBeUndefined();
  });

  it('accepts a page with only a Last Updated date', () => {
    const r = parse('<main><h1>ICE Statistics</h1><p>Dashboards below.</p><div>Last Updated: March 3, 2025</div></main>');
    expect(r.publishedOn).toBe('2025-03-03');
    expect(r.dataAsOf).toBeUndefined();
  });

  it('ignores an "as of" date in a sentence that is not about data', () => {
    expect(() => parse('<main><p>The office has been closed as of January 5, 2025.</p></main>')).toThrow(LayoutError);
  });

  it('throws LayoutError when neither date is on the page', () => {
    expect(() => parse('<html><body><main><h1>ICE Statistics</h1></main></body></html>')).toThrow(
      'no "data as of …" sentence and no "Last Reviewed" date on the ICE statistics page',
    );
  });
});
