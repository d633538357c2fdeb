import { describe, expect, it } from 'vitest';
import type { ParserDef } from '../../src/core/types.js';
import { checkParsers, checkSources, PARSERS, SOURCES } from '../../scrapers/index.js';
import { csvParser, listingParser, testSource } from '../helpers/test-sources.js';

describe('the registry', () => {
  it('holds every source of issue #3 with kebab-case ids', () => {
    expect(SOURCES.map((s) => s.id).sort()).toEqual(
      [
        'cbp-monthly-update',
        'cbp-nationwide-csv',
        'cbp-nationwide-encounters',
        'cbp-nationwide-encounters-fy2025',
        'cbp-southwest-csv',
        'cbp-southwest-page',
        'ice-detention-stats',
        'ice-statistics',
        'ohss-khsm-encounters',
        'ohss-monthly-tables',
      ].sort(),
    );
  });

  it('registers the parser ids of the CLI contract', () => {
    const ids = PARSERS.map((p) => p.id);
    for (const id of ['cbp-encounters-table', 'cbp-dataset-listing', 'cbp-encounters-csv', 'ice-detention-xlsx']) expect(ids).toContain(id);
  });

  it('rejects a duplicate source id', () => {
    const s = testSource('http://127.0.0.1:1');
    expect(() => checkSources([s, s], [listingParser, csvParser])).toThrow('duplicate source id "test-source"');
  });

  it('rejects a source whose parser is not registered', () => {
    expect(() => checkSources([testSource('http://127.0.0.1:1')], [listingParser])).toThrow('uses parser "test-csv" that is not registered');
  });

  it('rejects an id that is not kebab-case', () => {
    expect(() => checkSources([testSource('http://127.0.0.1:1', 'Bad_Id')], [listingParser, csvParser])).toThrow('"Bad_Id" is not kebab-case');
  });

  it('rejects a duplicate parser id and a missing version', () => {
    expect(() => checkParsers([listingParser, listingParser])).toThrow('duplicate parser id "test-listing"');
    expect(() => checkParsers([{ ...csvParser, version: 0 } as ParserDef])).toThrow('has no valid version');
  });

  it('rejects an impossible cadence', () => {
    const s = { ...testSource('http://127.0.0.1:1'), cadence: { expectedIntervalSeconds: 0, graceSeconds: 1 } };
    expect(() => checkSources([s], [listingParser, csvParser])).toThrow('invalid cadence');
  });
});
