/**
 * The one stylesheet of report.html, inline (docs/design.md §7: one self-contained file, no network: system fonts only).
 * Narrow screens: grids wrap, wide tables and ladders scroll sideways. Print: every section expanded (html-script.ts
 * opens the <details>), colours kept, ladders scaled to the page.
 */
export const HTML_STYLE = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #8250df; --skip: #6e7781; --works: #dafbe1; --fails: #ffebe9; --differs: #bf8700;
  --line: #d0d7de; --muted: #57606a; --code: #f6f8fa; --mark: #fff8c5; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 1rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1f2328; background: #fff; }
h1 { font-size: 1.6rem; margin: .2rem 0 .6rem; } h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; } h4 { font-size: 1rem; margin: 0; display: inline; } h5 { font-size: .95rem; margin: .8rem 0 .3rem; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .85em; }
code { background: var(--code); padding: 0 .25em; border-radius: 3px; overflow-wrap: anywhere; }
pre { background: var(--code); padding: .6rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; margin: .3rem 0; }
a { color: #0969da; }
table { border-collapse: collapse; margin: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
.scroll { overflow-x: auto; max-width: 100%; }
.badge { display: inline-block; padding: 0 .5em; border-radius: 1em; color: #fff; font-size: .8rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; vertical-align: middle; }
.badge.passed { background: var(--pass); } .badge.failed { background: var(--fail); } .badge.error { background: var(--error); } .badge.skipped { background: var(--skip); }
.summary { display: flex; flex-wrap: wrap; gap: .6rem 1.6rem; align-items: baseline; border: 1px solid var(--line); border-radius: 6px; padding: .7rem 1rem; }
.summary div { min-width: 11rem; } .summary .label { color: var(--muted); font-size: .8rem; display: block; }
.banner { border-left: 4px solid var(--fail); background: var(--fails); padding: .4rem .8rem; margin: .6rem 0; }
.note { color: var(--muted); }
table.toc td:first-child { white-space: nowrap; }
.scenario { border-top: 3px solid var(--line); margin-top: 1.6rem; }
.scenario.failed { border-top-color: var(--fail); } .scenario.passed { border-top-color: var(--pass); } .scenario.error { border-top-color: var(--error); }
.step { border: 1px solid var(--line); border-left: 5px solid var(--skip); border-radius: 4px; padding: .6rem .8rem; margin: .8rem 0; }
.step.passed { border-left-color: var(--pass); } .step.failed { border-left-color: var(--fail); } .step.error { border-left-color: var(--error); }
.step .meta { color: var(--muted); font-size: .85rem; margin-left: .4rem; }
.headline { margin: .4rem 0; }
ul.expectations { list-style: none; padding-left: .2rem; margin: .3rem 0; }
ul.expectations li.met::before { content: "✓ "; color: var(--pass); font-weight: 700; }
ul.expectations li.unmet::before { content: "✗ "; color: var(--fail); font-weight: 700; }
ul.expectations li.unmet { color: var(--fail); }
p.met { color: var(--pass); }
p.unmet { color: var(--fail); }
table.media th { text-align: left; font-weight: 600; }
svg.media-plot { background: var(--bg, transparent); }
svg.media-plot .axis { stroke: var(--muted); stroke-width: 1; }
svg.media-plot polyline.sent { stroke: #1f6feb; stroke-width: 2; }
svg.media-plot polyline.received { stroke: #d2691e; stroke-width: 2; }
svg.media-plot text { font-size: 10px; fill: var(--muted); }
svg.media-plot text.sent { fill: #1f6feb; }
svg.media-plot text.received { fill: #d2691e; }
.fix { background: #fff8e6; border: 1px solid #eac54f; border-radius: 4px; padding: .5rem .8rem; margin: .5rem 0; }
.fix p { margin: .25rem 0; } .fix .source { color: var(--muted); font-size: .85rem; }
.fix pre { background: #fff; border: 1px solid #eac54f; }
details { margin: .4rem 0; } summary { cursor: pointer; font-weight: 600; }
.ladder-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; margin: .3rem 0; }
svg.ladder { display: block; font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
svg.ladder .lane line { stroke: #8c959f; stroke-dasharray: 4 4; }
svg.ladder .lane-title { font-weight: 700; fill: #1f2328; } svg.ladder .lane-detail { fill: var(--muted); font-size: 11px; }
svg.ladder .time { fill: var(--muted); font-size: 11px; }
svg.ladder .arrow line { stroke-width: 1.6; }
svg.ladder .request line { stroke: #1f2328; } svg.ladder .request .label { fill: #1f2328; } svg.ladder .head.request { fill: #1f2328; }
svg.ladder .provisional line { stroke: #6e7781; } svg.ladder .provisional .label { fill: #6e7781; } svg.ladder .head.provisional { fill: #6e7781; }
svg.ladder .success line { stroke: var(--pass); } svg.ladder .success .label { fill: var(--pass); font-weight: 700; } svg.ladder .head.success { fill: var(--pass); }
svg.ladder .redirect line { stroke: #0969da; } svg.ladder .redirect .label { fill: #0969da; } svg.ladder .head.redirect { fill: #0969da; }
svg.ladder .failure line { stroke: var(--fail); } svg.ladder .failure .label { fill: var(--fail); font-weight: 700; } svg.ladder .head.failure { fill: var(--fail); }
svg.ladder .broken line { stroke: var(--fail); stroke-dasharray: 6 4; } svg.ladder .broken .label { fill: var(--fail); font-weight: 700; } svg.ladder .head.broken { fill: var(--fail); }
table.hops td, table.facts td, table.events td { font-size: .85rem; }
table.hops td.timings { white-space: nowrap; } table.hops td.request { min-width: 14rem; overflow-wrap: anywhere; }
table.facts th { width: 11rem; }
.sdp { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: .6rem; }
.sdp figure { margin: 0; } .sdp figcaption { font-weight: 600; }
.sdp mark.crypto { background: var(--mark); outline: 1px solid #d4a72c; }
.sdp .mline { font-weight: 700; }
.grids { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
.grids figure { margin: 0; flex: 1 1 500px; min-width: 0; } .grids figcaption { margin-bottom: .3rem; } .grids .source, .grids .note { color: var(--muted); font-size: .82rem; }
table.matrix { width: 100%; }
table.matrix th.corner { font-weight: 400; color: var(--muted); font-size: .8rem; }
.cell { font-size: .82rem; } table.matrix th { font-size: .9rem; }
td.cell.works, span.cell.works { background: var(--works); } td.cell.fails, span.cell.fails { background: var(--fails); }
td.cell.differs, span.cell.differs { outline: 3px dashed var(--differs); outline-offset: -3px; }
span.cell { padding: .1rem .45rem; border-radius: 3px; display: inline-block; }
td.cell a { color: inherit; }
.ne { color: var(--differs); font-weight: 800; }
.verdict-line.passed { color: var(--pass); font-weight: 600; } .verdict-line.failed { color: var(--fail); font-weight: 600; }
ul.differences { color: #7d4e00; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media (max-width: 640px) {
  body { padding: .5rem; font-size: 14px; }
  .summary div { min-width: 45%; }
  table.facts th { width: auto; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc { break-after: page; }
  figure, .fix, tr, svg.ladder { break-inside: avoid; }
  table.hops, table.facts, table.events, table.findings { width: 100%; table-layout: fixed; }
  table.hops tr > :first-child { width: 2.2rem; }
  table.hops td, table.facts td, table.events td, table.findings td, table.hops td.timings { overflow-wrap: anywhere; white-space: normal; }
  .ladder-wrap, .scroll { overflow: visible; border: none; }
  svg.ladder { max-width: 100%; height: auto; }
  pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
  summary { list-style: none; }
}
`;
