/**
 * The few XML scanning helpers the XLSX reader needs. SpreadsheetML written by Excel and
 * by common libraries is regular enough for regular expressions over tags; we never build a
 * DOM of a whole sheet (a sheet can hold hundreds of thousands of cells).
 */

// A Map: workbook text such as `&constructor;` must not reach Object's prototype.
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** Decodes the five XML entities and numeric character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16)) ?? whole;
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10)) ?? whole;
    return NAMED_ENTITIES.get(ref) ?? whole;
  });
}

function safeCodePoint(code: number): string | null {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

/**
 * Decodes the OOXML `_xHHHH_` escape (ST_Xstring) that Excel uses for characters XML cannot
 * carry, e.g. `_x000D_` for a carriage return; `_x005F_` escapes a literal underscore.
 */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Attributes of a start tag's attribute text, in any order; keys keep their namespace prefix. */
export function parseAttributes(attrText: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attrs.set(m[1]!, decodeEntities(m[2] ?? m[3] ?? ''));
  }
  return attrs;
}

/** The value of the first attribute whose local name (after any `prefix:`) is `local`. */
export function attrByLocalName(attrs: ReadonlyMap<string, string>, local: string): string | undefined {
  for (const [key, value] of attrs) {
    if (key === local || key.endsWith(`:${local}`)) return value;
  }
  return undefined;
}

/**
 * The text of a string item (`<si>` or `<is>` content): every `<t>` run concatenated, with
 * phonetic runs (`<rPh>`) left out because they are reading aids, not cell text. Text is
 * never trimmed, whatever `xml:space` says: trailing spaces in labels are real data.
 */
export function stringItemText(inner: string): string {
  const withoutPhonetic = inner.includes('<rPh') ? inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : inner;
  let text = '';
  for (const m of withoutPhonetic.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) {
    text += m[1] ?? '';
  }
  return decodeOoxmlEscapes(decodeEntities(text));
}

/** Every start tag named `tag` (self-closing or not) with its parsed attributes. */
export function startTags(xml: string, tag: string): Map<string, string>[] {
  const re = new RegExp(`<${tag}\\b([^>]*?)\\/?>`, 'g');
  return [...xml.matchAll(re)].map((m) => parseAttributes(m[1] ?? ''));
}
