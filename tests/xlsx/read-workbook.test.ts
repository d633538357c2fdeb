import { describe, expect, it } from 'vitest';
import { LayoutError, ValidationError } from '../../src/core/errors.js';
import { columnLetters, columnNumber, parseRef, readWorkbook } from '../../src/xlsx/read-workbook.js';
import { writeWorkbook, zipFiles } from '../helpers/xlsx-writer.js';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A package with one hand-written sheet and hand-written shared strings. */
function handWritten(sheetData: string, sharedStrings = '', sheetTarget = 'worksheets/sheet1.xml', level: 0 | 6 = 6): Buffer {
  return zipFiles({
    'xl/workbook.xml': `<workbook xmlns:r="${REL}"><sheets><sheet r:id="rId1" sheetId="1" name=" Odd &amp; spaced "/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Target="${sheetTarget}" Type="${REL}/worksheet" Id="rId1"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<sst>${sharedStrings}</sst>`,
    'xl/worksheets/sheet1.xml': `<worksheet><cols><col min="1" max="2"/></cols><sheetData>${sheetData}</sheetData></worksheet>`,
  }, level);
}

/** Overwrites a 32-bit field of the first central-directory entry (offset from its signature). */
function patchCentralDirectory(zip: Buffer, fieldOffset: number, value: number): Buffer {
  const copy = Buffer.from(zip);
  const at = copy.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  copy.writeUInt32LE(value, at + fieldOffset);
  return copy;
}

describe('readWorkbook', () => {
  it('reads sheet names raw, shared and inline strings, and numbers as JS numbers', () => {
    for (const strings of ['shared', 'inline'] as const) {
      const wb = readWorkbook(
        writeWorkbook(
          [
            { name: 'Detention FY25 ', rows: [['Agency', 'Oct'], ['ICE  ', 14557], [null, 0.5]] },
            { name: ' ICLOS and Detainees', cells: { P29: 76939, N27: 'ICE Removals: FY2025' } },
          ],
          { strings },
        ),
      );
      expect(wb.sheetNames).toEqual(['Detention FY25 ', ' ICLOS and Detainees']);
      const s = wb.sheet('Detention FY25 ')!;
      expect([s.cell(1, 1), s.cell(2, 1), s.cell(2, 2), s.cell(3, 2), s.cell(3, 1), s.cell(99, 99)]).toEqual([
        'Agency',
        'ICE  ',
        14557,
        0.5,
        null,
        null,
      ]);
      expect(wb.sheet(' ICLOS and Detainees')!.at('P29')).toBe(76939);
      expect(wb.sheet('Detention FY25')).toBeUndefined();
    }
  });

  it('concatenates rich text runs, decodes entities and _xHHHH_ escapes, keeps spaces, drops phonetic runs', () => {
    const wb = readWorkbook(
      handWritten(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>',
        '<si><r><rPr><b/></rPr><t>ICE </t></r><r><t xml:space="preserve">Removals:  </t></r><r><t>FY2025</t></r></si>' +
          '<si><t>Fiscal_x000D_\nYear</t></si>' +
          '<si><t>A &amp; B &lt;c&gt; &#233;&#x20AC; &quot;q&quot;</t><rPh sb="0" eb="1"><t>phonetic</t></rPh></si>' +
          '<si><t/></si>',
      ),
    );
    const s = wb.sheets()[0]!;
    expect(s.name).toBe(' Odd & spaced ');
    expect(s.cell(1, 1)).toBe('ICE Removals:  FY2025');
    expect(s.cell(1, 2)).toBe('Fiscal\r\nYear');
    expect(s.cell(1, 3)).toBe('A & B <c> é€ "q"');
    expect(s.cell(1, 4)).toBe('');
  });

  it('handles self-closing cells, attributes in any order, omitted references and every cell type', () => {
    const wb = readWorkbook(
      handWritten(
        '<row r="2" spans="1:9"><c r="A2"/><c s="3" t="n" r="B2"><v>1.5E3</v></c><c t="str" r="C2"><f>A1&amp;"x"</f><v>a&amp;b</v></c>' +
          '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#DIV/0!</v></c><c r="F2" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c>' +
          '<c><v>7</v></c><c r="H2"><f>SUM(A1:B1)</f></c><c r="I2" s="1"></c></row><row><c><v>8</v></c></row>',
      ),
    );
    const s = wb.sheets()[0]!;
    expect([...s.rows()].map((r) => [r.row, [...r.cells]])).toEqual([
      [2, [[2, 1500], [3, 'a&b'], [4, 'TRUE'], [5, '#DIV/0!'], [6, 'inline'], [7, 7]]],
      [3, [[1, 8]]],
    ]);
  });

  it('resolves absolute relationship targets and finds cells across sheets', () => {
    const wb = readWorkbook(handWritten('<row r="5"><c r="C5" t="inlineStr"><is><t>Total</t></is></c></row>', '', '/xl/worksheets/sheet1.xml'));
    expect(wb.findCells((v) => v === 'Total')).toEqual([{ sheet: ' Odd & spaced ', row: 5, col: 3, ref: 'C5', value: 'Total' }]);
  });

  it('converts between column letters, numbers and A1 references', () => {
    expect([columnNumber('A'), columnNumber('P'), columnNumber('AA'), columnNumber('XFD')]).toEqual([1, 16, 27, 16384]);
    expect([columnLetters(1), columnLetters(26), columnLetters(27), columnLetters(16384)]).toEqual(['A', 'Z', 'AA', 'XFD']);
    expect(parseRef('$P$29')).toEqual({ row: 29, col: 16 });
    expect(parseRef('not a ref')).toBeNull();
  });

  it('throws LayoutError for an HTML page served instead of a workbook', () => {
    const html = Buffer.from('<!DOCTYPE html><html><body>Access Denied</body></html>');
    expect(() => readWorkbook(html)).toThrow(LayoutError);
    expect(() => readWorkbook(html)).toThrow('not an XLSX workbook: the body looks like an HTML page');
  });

  it('throws LayoutError for an empty body, an empty zip, and a zip without a workbook part', () => {
    expect(() => readWorkbook(Buffer.alloc(0))).toThrow('not an XLSX workbook: the body is empty');
    expect(() => readWorkbook(zipFiles({}))).toThrow('not an XLSX workbook: the ZIP archive is empty');
    expect(() => readWorkbook(zipFiles({ 'word/document.xml': '<w/>' }))).toThrow('not an XLSX workbook: no xl/workbook.xml in the ZIP archive');
  });

  it('throws LayoutError for a corrupt deflate stream', () => {
    const zip = zipFiles({ 'xl/workbook.xml': '<workbook>'.repeat(100) });
    const at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const corrupt = Buffer.from(zip);
    corrupt.fill(0xff, at + 30 + 'xl/workbook.xml'.length, at + 30 + 'xl/workbook.xml'.length + 8);
    expect(() => readWorkbook(corrupt)).toThrow(LayoutError);
  });

  it('refuses a zip bomb (a huge, highly compressible entry) before inflating it', () => {
    const bomb = zipFiles({ 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': new Uint8Array(16 * 1024 * 1024) }, 9);
    expect(() => readWorkbook(bomb)).toThrow(ValidationError);
    expect(() => readWorkbook(bomb)).toThrow(/XLSX refused: entry xl\/worksheets\/sheet1\.xml inflates \d+:1 \(limit 200:1\), a likely zip bomb/);
  });

  it('refuses an entry that inflates past the size its header declared', () => {
    const zip = zipFiles({ 'xl/workbook.xml': `<workbook>${'<sheets/>'.repeat(200)}</workbook>` });
    expect(() => readWorkbook(patchCentralDirectory(zip, 24, 100))).toThrow(
      'XLSX refused: entry xl/workbook.xml inflates beyond its declared 100 bytes',
    );
  });

  it('refuses when the declared uncompressed total passes the limit (default 64 MiB)', () => {
    const stored = zipFiles({ 'xl/workbook.xml': 'x'.repeat(1024) }, 0);
    const lying = patchCentralDirectory(patchCentralDirectory(stored, 20, 1024 * 1024), 24, 65 * 1024 * 1024);
    expect(() => readWorkbook(lying)).toThrow(`XLSX refused: entries declare ${65 * 1024 * 1024} uncompressed bytes, over the limit of 67108864`);
    const small = writeWorkbook([{ name: 'S', rows: [['a']] }]);
    expect(() => readWorkbook(small, { maxTotalUncompressedBytes: 100 })).toThrow(ValidationError);
  });

  it('refuses an archive with too many entries', () => {
    const files: Record<string, string> = { 'xl/workbook.xml': '<workbook/>' };
    for (let i = 0; i < 1000; i++) files[`xl/media/image${i}.png`] = '';
    expect(() => readWorkbook(zipFiles(files))).toThrow('XLSX refused: 1001 ZIP entries exceed the limit of 1000');
  });

  it('refuses a workbook with more cells than the limit (default 2,000,000)', () => {
    const row = (r: number): string => `<row r="${r}">${Array.from({ length: 100 }, (_, c) => `<c r="${String.fromCharCode(65 + (c % 26))}${r}"/>`).join('')}</row>`;
    const big = handWritten(Array.from({ length: 20_001 }, (_, i) => row(i + 1)).join(''), '', 'worksheets/sheet1.xml', 0);
    const wb = readWorkbook(big);
    expect(() => wb.sheets()).toThrow('XLSX refused: more than 2000000 cells');
    const small = readWorkbook(writeWorkbook([{ name: 'S', rows: [[1, 2, 3]] }, { name: 'T', rows: [[4, 5]] }]), { maxCells: 4 });
    expect(small.sheet('S')!.cell(1, 3)).toBe(3);
    expect(() => small.sheet('T')).toThrow('XLSX refused: more than 4 cells');
  });
});

describe('decodeEntities', () => {
  it('leaves an entity named like an object property as written', async () => {
    const { decodeEntities } = await import('../../src/xlsx/xml.js');
    expect(decodeEntities('a &constructor; b &toString; &amp;')).toBe('a &constructor; b &toString; &');
  });
});
