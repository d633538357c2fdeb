import { html, type SafeHtml } from './html.js';

/**
 * Server-rendered SVG line charts. Chosen over a client-side library because the page must
 * work with JavaScript disabled and under a CSP without scripts; the charts are small (a few
 * hundred points), so inline SVG costs a few kilobytes and nothing to load. Accessibility: the
 * SVG is `role="img"` named by its `<title>` and described by a `<desc>` that states the newest
 * figures; the page puts the full data in a table next to it. Colours and dash patterns come
 * from CSS classes (`s0`…`s3`, `ref`), so the CSP needs no inline styles.
 */

export interface ChartPoint {
  /** Unix ms. */
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
  /** `ref` draws a reference line (goal pace) without markers. */
  readonly kind?: 'data' | 'ref';
}

export interface ChartSpec {
  /** Unique on the page; used for element ids. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly series: readonly ChartSeries[];
  readonly xDomain?: readonly [number, number];
  readonly yMax?: number;
}

const W = 640;
const H = 260;
const M = { top: 12, right: 16, bottom: 28, left: 64 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Round tick values from 0 to at least `max` (1, 2, 2.5, 5 × 10^n steps). */
export function yTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step - 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Calendar ticks inside [from, to], at most ~7: every n-th month start from the first, or years. */
export function xTicks(from: number, to: number): { x: number; label: string }[] {
  const starts: { x: number; y: number; m: number }[] = [];
  const first = new Date(from);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth(); Date.UTC(y, m, 1) <= to; m === 11 ? ((m = 0), y++) : m++) {
    if (Date.UTC(y, m, 1) >= from) starts.push({ x: Date.UTC(y, m, 1), y, m });
  }
  // Beyond two years, label Januaries only: years read better than half-year months.
  const step = [1, 2, 3, 6, 12, 24, 60].find((s) => (s >= 12 || starts.length <= 24) && starts.length / s <= 7) ?? 120;
  const picked = step < 12 ? starts.filter((_, i) => i % step === 0) : starts.filter((t) => t.m === 0 && t.y % (step / 12) === 0);
  return picked.map((t) => ({ x: t.x, label: step < 12 ? `${MONTHS[t.m]} ${t.y}` : String(t.y) }));
}

const short = (v: number): string =>
  v >= 1e6 ? `${+(v / 1e6).toFixed(2)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : String(+v.toFixed(2));

/** The chart as an SVG element, or a plain note when there is nothing to draw. */
export function renderChart(spec: ChartSpec): SafeHtml {
  const all = spec.series.flatMap((s) => s.points);
  if (all.length === 0) return html`<p class="empty">No data stored yet for this chart.</p>`;
  const xs = all.map((p) => p.x);
  let [x0, x1] = spec.xDomain ?? [Math.min(...xs), Math.max(...xs)];
  if (x0 === x1) (x0 -= 15 * 86_400_000), (x1 += 15 * 86_400_000);
  const ticks = yTicks(Math.max(spec.yMax ?? 0, ...all.map((p) => p.y)));
  const yTop = ticks.at(-1)!;
  const sx = (x: number) => M.left + ((x - x0) / (x1 - x0)) * PLOT_W;
  const sy = (y: number) => M.top + PLOT_H - (y / yTop) * PLOT_H;
  const n = (v: number) => v.toFixed(1);
  const grid = ticks.map(
    (t) => html`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${n(sy(t))}" y2="${n(sy(t))}"/><text class="tick" x="${M.left - 6}" y="${n(sy(t) + 4)}" text-anchor="end">${short(t)}</text>`,
  );
  // Labels near either end are anchored inwards so they are not clipped.
  const anchor = (x: number) => (x > W - M.right - 24 ? 'end' : x < M.left + 24 ? 'start' : 'middle');
  const xAxis = xTicks(x0, x1).map(
    (t) => html`<line class="tick-mark" x1="${n(sx(t.x))}" x2="${n(sx(t.x))}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 4}"/><text class="tick" x="${n(sx(t.x))}" y="${H - 8}" text-anchor="${anchor(sx(t.x))}">${t.label}</text>`,
  );
  let dataIndex = 0;
  const lines = spec.series.map((s) => {
    const cls = s.kind === 'ref' ? 'ref' : `s${dataIndex++ % 4}`;
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(sx(p.x))} ${n(sy(p.y))}`).join(' ');
    const markers = s.kind === 'ref' || pts.length > 80 ? [] : pts.map((p) => html`<circle class="dot ${cls}" cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="3"/>`);
    return html`<g class="series"><path class="line ${cls}" d="${d}"/>${markers}</g>`;
  });
  return html`<svg class="chart" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title id="${spec.id}-title">${spec.title}</title><desc id="${spec.id}-desc">${spec.description}</desc>${grid}<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}"/>${xAxis}${lines}</svg>`;
}

/** The legend, matching the classes `renderChart` gives each series. */
export function renderLegend(spec: ChartSpec): SafeHtml {
  let dataIndex = 0;
  const items = spec.series.map((s) => {
    const cls = s.kind === 'ref' ? 'ref' : `s${dataIndex++ % 4}`;
    return html`<li><span class="swatch ${cls}" aria-hidden="true"></span>${s.name}</li>`;
  });
  return html`<ul class="legend">${items}</ul>`;
}
