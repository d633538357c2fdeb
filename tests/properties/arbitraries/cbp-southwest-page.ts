/**
 * Generated CBP Southwest Land Border Encounters pages: Tableau iframes whose workbook names
 * encode a reporting month (`…AUGFY26`) and the Drupal "Last Modified" date, with the signals
 * the parser contract promises for them (computed here).
 */
import fc from 'fast-check';
import { dayArb, lastDay, longDay } from './common.js';
import { workbookArb } from './cbp-table.js';
import { blk, cel, inl, page, slot, type HDoc } from './html.js';

export interface SouthwestModel {
  readonly lastModified: string | null;
  readonly workbooks: readonly { readonly name: string; readonly month: string | null }[];
}

export const southwestModelArb: fc.Arbitrary<SouthwestModel> = fc.record({
  lastModified: fc.option(dayArb, { freq: 5 }),
  workbooks: fc.array(workbookArb('CBPSBOEnforcementActionsDashboards'), { maxLength: 3 }),
});

export type SouthwestExpectation =
  | { readonly kind: 'layout' }
  | { readonly kind: 'ok'; readonly issueCodes: string[]; readonly publishedOn?: string; readonly dataAsOf?: string; readonly signals?: Record<string, string> };

export function expectedSouthwest(m: SouthwestModel): SouthwestExpectation {
  const names: string[] = [];
  const unique = m.workbooks.filter((w) => !names.includes(w.name) && names.push(w.name));
  const dated = unique.filter((w): w is { name: string; month: string } => w.month !== null);
  if (dated.length === 0 && m.lastModified === null) return { kind: 'layout' };
  const issueCodes: string[] = [];
  if (dated.length === 0) issueCodes.push('workbook_not_recognised');
  if (new Set(dated.map((w) => w.month)).size > 1) issueCodes.push('workbook_mismatch');
  if (m.lastModified === null) issueCodes.push('published_date_missing');
  const newest = [...dated].sort((a, b) => (a.month === b.month ? 0 : a.month < b.month ? 1 : -1))[0];
  return {
    kind: 'ok',
    issueCodes,
    ...(m.lastModified ? { publishedOn: m.lastModified } : {}),
    ...(newest ? { dataAsOf: lastDay(newest.month), signals: { workbook: newest.name, reportingMonth: newest.month } } : {}),
  };
}

export interface SouthwestVariant {
  readonly srcNewline: boolean;
  readonly longDate: boolean;
  readonly sheets: readonly string[];
}
export const PLAIN_SOUTHWEST: SouthwestVariant = { srcNewline: false, longDate: false, sheets: ['SBOEncounters8189'] };
export const southwestVariantArb: fc.Arbitrary<SouthwestVariant> = fc.record({
  srcNewline: fc.boolean(),
  longDate: fc.boolean(),
  sheets: fc.array(fc.constantFrom('SBOEncounters8189', 'SBObyMonthDemo8189', 'Dashboard1'), { minLength: 1, maxLength: 2 }),
});

export function southwestPage(m: SouthwestModel, v: SouthwestVariant): HDoc {
  const frames = m.workbooks.flatMap((w, i) =>
    v.sheets.map((sheet, j) =>
      blk(
        'div',
        { class: 'tableauPlaceholder', style: 'display:block;height:950px;' },
        inl('iframe', { class: 'tableauViz', frameborder: '0', src: `${v.srcNewline ? '\n' : ''}https://publicstats.cbp.gov/t/PublicFacing/views/${w.name}/${sheet}?%3Aembed=y&%3AshowVizHome=no&%3AloadOrderID=${i * 2 + j}`, title: 'Southwest Land Border Encounters Visualization', width: '100%' }),
      ),
    ),
  );
  return page('Southwest Land Border Encounters | U.S. Customs and Border Protection', [
    slot(
      'main',
      { class: 'usa-section', id: 'main-content' },
      slot(
        'div',
        { class: 'region region-content' },
        cel('h1', { id: 'page-title' }, 'Southwest Land Border Encounters'),
        slot('div', { class: 'field field--name-body' }, cel('p', {}, 'Encounter data includes U.S. Border Patrol (USBP) Title 8 Apprehensions.'), ...frames),
        ...(m.lastModified ? [blk('div', { class: 'margin-top-8' }, cel('span', { class: 'text-bold' }, `Last Modified: ${longDay(m.lastModified, v.longDate)}`))] : []),
      ),
    ),
  ]);
}
