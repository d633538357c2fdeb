/**
 * The status page's stylesheet, served at `/status.css` (a separate file so the CSP can forbid
 * inline styles). Kept in a TS module because the build copies only compiled TypeScript.
 * Colours meet WCAG 2.1 AA: text at least 4.5:1 on its background, chart lines at least 3:1
 * against white; status is always spelled out in text, never given by colour alone.
 */
export const STATUS_CSS = `
:root { --fg: #1a1a1a; --muted: #4a4a4a; --bg: #ffffff; --panel: #f6f7f9; --line: #c9ced6; --link: #0b57a4;
  --s0: #1f5fa8; --s1: #b3261e; --s2: #2e7d32; --s3: #6a3d9a; --ref: #555555; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); line-height: 1.45; }
body { margin: 0; }
a { color: var(--link); }
a:focus-visible, summary:focus-visible { outline: 3px solid #1a1a1a; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #1a1a1a; color: #fff; padding: .5rem 1rem; }
.skip:focus { left: 0; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
header[role=banner], main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header[role=banner] { padding-top: 1rem; border-bottom: 1px solid var(--line); }
header h1 { margin: .25rem 0; font-size: 1.6rem; }
header p { margin: .25rem 0 .75rem; color: var(--muted); }
nav ul { list-style: none; padding: 0; margin: 0 0 .75rem; display: flex; flex-wrap: wrap; gap: 1rem; }
section { margin: 1.5rem 0 2rem; }
h2 { font-size: 1.3rem; margin: 0 0 .75rem; }
h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr)); gap: 1rem; }
.summary { margin: 0 0 .75rem; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .9rem 1rem; height: 100%; }
.card .agency { color: var(--muted); font-size: .9rem; margin: 0; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .75rem; margin: .6rem 0; font-size: .92rem; }
.card dt { color: var(--muted); }
.card dd { margin: 0; }
.card .error { font-size: .9rem; color: #842029; margin: .25rem 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: .1rem .55rem; border-radius: 1rem; font-weight: 600; font-size: .85rem; border: 1px solid transparent; margin: .25rem .25rem .25rem 0; }
.st-on_time { background: #d1f0dc; color: #0b4d24; border-color: #0b4d24; }
.st-due { background: #fff1c2; color: #5c4400; border-color: #5c4400; }
.st-overdue { background: #fbd5d8; color: #7a1420; border-color: #7a1420; }
.st-silent { background: #3a3a3a; color: #ffffff; }
.st-scraper_failing { background: #dbe6ff; color: #0a2f73; border-color: #0a2f73; }
.st-unknown { background: #ececec; color: #333333; border-color: #333333; }
.tag-frozen { background: #ffffff; color: #333333; border-color: #333333; font-weight: 500; }
.conditions { list-style: none; padding: 0; margin: 0; display: grid; gap: .5rem; }
.conditions li { border-left: 4px solid var(--ref); background: var(--panel); padding: .5rem .75rem; }
.conditions li.sev-page { border-left-color: #7a1420; }
.conditions li.sev-info { border-left-color: var(--s0); }
.conditions .name { font-weight: 600; }
.conditions .meta { color: var(--muted); font-size: .88rem; }
.none { color: var(--muted); }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 1.25rem; }
figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: .5rem; padding: .75rem; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
figure .desc { margin: .25rem 0 .5rem; font-size: .92rem; }
svg.chart { width: 100%; height: auto; display: block; background: #ffffff; }
svg .grid { stroke: #e1e4e8; stroke-width: 1; }
svg .axis, svg .tick-mark { stroke: #6b6b6b; stroke-width: 1; }
svg .tick { fill: #3d3d3d; font-size: 11px; font-family: inherit; }
svg .line { fill: none; stroke-width: 2.25; stroke-linejoin: round; stroke-linecap: round; }
svg .s0 { stroke: var(--s0); }
svg .s1 { stroke: var(--s1); }
svg .s2 { stroke: var(--s2); }
svg .s3 { stroke: var(--s3); }
svg .line.s1 { stroke-dasharray: 7 3; }
svg .line.s2 { stroke-dasharray: 2 3; }
svg .line.s3 { stroke-dasharray: 10 3 2 3; }
svg .line.ref { stroke: var(--ref); stroke-width: 1.5; stroke-dasharray: 5 5; }
svg .dot { fill: #ffffff; stroke-width: 2; }
.legend { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .88rem; }
.swatch { display: inline-block; width: 1.6rem; height: 0; border-top: 3px solid var(--s0); vertical-align: middle; margin-right: .35rem; }
.swatch.s1 { border-top: 3px dashed var(--s1); }
.swatch.s2 { border-top: 3px dotted var(--s2); }
.swatch.s3 { border-top-color: var(--s3); }
.swatch.ref { border-top: 2px dashed var(--ref); }
details { margin-top: .4rem; font-size: .9rem; }
summary { cursor: pointer; color: var(--link); }
.table-wrap { max-height: 16rem; overflow: auto; }
table { border-collapse: collapse; width: 100%; margin-top: .4rem; }
caption { text-align: left; color: var(--muted); font-size: .85rem; }
th, td { border-bottom: 1px solid var(--line); padding: .2rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { position: sticky; top: 0; background: var(--panel); }
.empty { color: var(--muted); font-style: italic; }
.downloads { display: flex; flex-wrap: wrap; gap: .75rem; margin: .5rem 0; }
.button { display: inline-block; padding: .5rem 1rem; border-radius: .4rem; background: #0b57a4; color: #ffffff; text-decoration: none; font-weight: 600; }
.button.secondary { background: #ffffff; color: #0b57a4; border: 2px solid #0b57a4; }
.button:hover { text-decoration: underline; }
footer { border-top: 1px solid var(--line); padding: 1rem; color: var(--muted); font-size: .88rem; }
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto; } }
`;
