import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARSERS } from '../../scrapers/index.js';

/**
 * Every registered parser has property tests: a `describe('<id> properties', …)` in a file of
 * this folder. A new parser fails here until it gets its generators and properties.
 */
describe('property-test coverage of the parser registry', () => {
  it('every id in PARSERS has a describe block in tests/properties', () => {
    const dir = new URL('./', import.meta.url);
    const sources = readdirSync(dir)
      .filter((f) => f.endsWith('.property.test.ts'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const missing = PARSERS.map((p) => p.id).filter((id) => !sources.includes(`describe('${id} properties'`));
    expect(missing).toEqual([]);
  });
});
