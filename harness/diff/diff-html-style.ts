/** The one stylesheet of the diff page (diff-html.ts), inline and allowed by its hash. */
export const DIFF_HTML_STYLE = `:root{color-scheme:light dark;--bad:#b3261e;--warn:#b26a00;--good:#1b7f3b;--muted:#667}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #8884;padding:.3em .5em;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.92em;overflow-wrap:anywhere}
.badge{border-radius:.3em;color:#fff;display:inline-block;font-size:.85em;padding:0 .4em;white-space:nowrap}
.security-regression .badge{background:var(--bad)}.regression .badge{background:var(--warn)}.improvement .badge{background:var(--good)}.change .badge{background:var(--muted)}
tr.security-regression{background:#b3261e14}
.summary{font-size:1.05em}.note{color:var(--muted)}
@media (max-width:640px){td,th{display:block;border:0}tr{border-bottom:1px solid #8884;display:block}}
@media print{body{max-width:none}tr{break-inside:avoid}}
`;
