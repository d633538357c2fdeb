import { describe, expect, it } from 'vitest';
import { checkContentType, looksLikeHtml, mediaType, sniffBody } from '../../src/fetch/content-type.js';

describe('mediaType', () => {
  it('drops parameters and case', () => {
    expect(mediaType('Text/CSV; charset=UTF-8')).toBe('text/csv');
    expect(mediaType(undefined)).toBe('');
  });
});

describe('checkContentType', () => {
  it.each([
    ['html', 'text/html; charset=utf-8'],
    ['html', 'application/xhtml+xml'],
    ['csv', 'application/force-download'],
    ['csv', 'application/vnd.ms-excel'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['xlsx', 'application/zip'],
  ] as const)('accepts %s as %s', (format, type) => {
    expect(() => checkContentType(format, type)).not.toThrow();
  });

  it.each([
    ['html', 'text/csv'],
    ['csv', 'text/html'],
    ['xlsx', 'text/plain'],
    ['csv', undefined],
  ] as const)('refuses %s as %s with bad_content_type', (format, type) => {
    expect(() => checkContentType(format, type)).toThrow(expect.objectContaining({ kind: 'bad_content_type' }));
  });
});

describe('sniffBody', () => {
  it('refuses an xlsx that is not a ZIP archive', () => {
    expect(() => sniffBody('xlsx', Buffer.from('<html>'))).toThrow(expect.objectContaining({ kind: 'bad_content_type' }));
    expect(() => sniffBody('xlsx', Buffer.from('PK\x03\x04rest', 'latin1'))).not.toThrow();
  });

  it('refuses a csv that is an HTML page, accepts real CSV', () => {
    expect(() => sniffBody('csv', Buffer.from('<HTML><HEAD>'))).toThrow(expect.objectContaining({ kind: 'bad_content_type' }));
    expect(() => sniffBody('csv', Buffer.from('Fiscal Year,Month\n2025,OCT\n'))).not.toThrow();
  });

  it('does not sniff html', () => {
    expect(() => sniffBody('html', Buffer.from('PK\x03\x04'))).not.toThrow();
  });
});

describe('looksLikeHtml', () => {
  it('sees through a UTF-8 BOM and leading blank lines', () => {
    expect(looksLikeHtml(Buffer.from('\uFEFF\r\n\t <!DOCTYPE html>'))).toBe(true);
    expect(looksLikeHtml(Buffer.from('  <body>'))).toBe(true);
  });

  it('does not flag CSV text that merely mentions html', () => {
    expect(looksLikeHtml(Buffer.from('Component,Note\nUSBP,"<html> in a cell"\n'))).toBe(false);
    expect(looksLikeHtml(Buffer.alloc(0))).toBe(false);
  });
});
