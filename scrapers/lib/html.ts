/**
 * The one HTML entry point of the parsers: `loadHtml(html)` gives a cheerio document parsed by
 * parse5, exactly as `cheerio.load(html)` would build it (same parser, same htmlparser2 tree
 * adapter, scripting enabled), but through `cheerio/slim`.
 *
 * Why: cheerio's main entry also loads its network and encoding helpers (`fromURL`,
 * `loadBuffer`: undici, iconv-lite, whatwg-encoding, encoding-sniffer), about 13 MB of resident
 * memory in a long-running service that never uses them; only `src/fetch` does HTTP here. The
 * slim entry alone would switch to htmlparser2, whose trees differ from a browser's on broken
 * markup, so the document is built with parse5 first and handed to it ready-made.
 */
import type { CheerioAPI } from 'cheerio/slim';
import { load } from 'cheerio/slim';
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

/** A cheerio document of `html`, parsed as a browser would (parse5, HTML5 tree construction). */
export function loadHtml(html: string): CheerioAPI {
  return load(parse(html, { treeAdapter: adapter, scriptingEnabled: true }));
}
