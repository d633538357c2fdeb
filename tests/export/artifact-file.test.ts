import { describe, expect, it } from 'vitest';
import { artifactExtension, safeContentType } from '../../src/export/artifact-file.js';

describe('artifactExtension', () => {
  it('follows the content type the agency sent', () => {
    expect(artifactExtension('text/html; charset=utf-8', null)).toBe('html');
    expect(artifactExtension('text/csv', 'https://x/a.bin')).toBe('csv');
    expect(artifactExtension('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', null)).toBe('xlsx');
  });

  it('falls back to the URL of a generic type, then to bin', () => {
    expect(artifactExtension('application/octet-stream', 'https://www.ice.gov/doclib/detention/FY25_detentionStats01162025.xlsx')).toBe('xlsx');
    expect(artifactExtension('application/octet-stream', 'https://x/page.HTM?x=1')).toBe('html');
    expect(artifactExtension('application/octet-stream', 'https://x/evil.exe')).toBe('bin');
    expect(artifactExtension('', null)).toBe('bin');
  });
});

describe('safeContentType', () => {
  it('keeps a well-formed stored type and replaces anything else', () => {
    expect(safeContentType('text/csv; charset="utf-8"')).toBe('text/csv; charset="utf-8"');
    expect(safeContentType('text/html\r\nSet-Cookie: x=1')).toBe('application/octet-stream');
    expect(safeContentType('')).toBe('application/octet-stream');
  });
});
