import { createHash } from "node:crypto";
import t from "tap";
import { escapeHtml } from "../report/escape-html.js";
import { DIFF_HTML_STYLE } from "./diff-html-style.js";
import { renderDiffHtml } from "./diff-html.js";
import { renderDiffJson } from "./diff-json.js";
import { renderDiffMarkdown } from "./diff-markdown.js";
import { DIFF_ASPECTS } from "./diff-entry.js";
import { ASPECT_LABELS } from "./diff-labels.js";
import { diffRuns } from "./diff-runs.js";
import { renderDiffText } from "./diff-text.js";
import { fixtureRun } from "../report/testdata/report-fixture.js";
import { fixtureRuns, HOSTILE_ISSUER } from "./testdata/diff-fixture.js";

const { a, b } = fixtureRuns();
const diff = diffRuns(a, b, { files: { a: "reports/before/run.json", b: "reports/after/run.json" } });
const same = diffRuns(fixtureRun(), fixtureRun(), { files: { a: "a/run.json", b: "b/run.json" } });

t.test("the terminal (golden): per scenario and step, the class, both values and why", async (t) => {
  const text = renderDiffText(diff);
  t.matchSnapshot(text, "diff text");
  t.match(text, /^run A: reports\/before\/run\.json \(2026-05-01T10-00-00Z-0f0f, started 2026-05-01T10:00:00\.000Z\)\n/);
  t.match(text, "    SECURITY REGRESSION  TLS version, hop 1 cas01.tukwila.contoso.com: TLSv1.3 → TLSv1.2 — TLSv1.2 is weaker than TLSv1.3\n");
  t.match(text, "  improvement          verdict: failed → passed");
  t.match(text, /4 security regressions, 0 regressions, 2 improvements, 4 changes: 3 scenarios differ \(3 ran in both runs\); certificate expiry warning: 30 days\.\n$/);
  t.notOk(text.includes("\u001b"), "a peer's escape sequence cannot reach the terminal");
  t.match(text, "\\x1b[31mCA", "…it is shown as text");
  t.match(renderDiffText(same), /No differences in what was negotiated: 4 scenarios compared\.\n$/);
});

t.test("--json is the model as it is", async (t) => {
  const json = renderDiffJson(diff);
  t.same(JSON.parse(json), diff);
  t.match(json, /^\{\n {2}"schemaVersion": 1,\n/);
});

t.test("Markdown for a change ticket (golden): a table per scenario, a peer's text escaped", async (t) => {
  const markdown = renderDiffMarkdown(diff);
  t.matchSnapshot(markdown, "diff markdown");
  t.match(markdown, "| 🔓 security regression | `steps[0]` options callRouter | TLS version, hop 1 cas01.tukwila.contoso.com | TLSv1.3 | TLSv1.2 | TLSv1.2 is weaker than TLSv1.3 |");
  t.notMatch(markdown, /<script/, "no raw HTML from a peer");
  t.notOk(markdown.includes(HOSTILE_ISSUER), "the issuer never appears verbatim");
  t.match(markdown, "O=&lt;script&gt;window.\\_\\_exumPwned = 1&lt;/script&gt; \\| \\*evil\\* \\[link\\](http://x) \\\\x1b\\[31mCA", "as text: entities, a pipe that cannot end the cell, no emphasis or link, no escape sequence");
  t.match(renderDiffMarkdown(same), "No differences in what was negotiated: 4 scenarios compared.");
});

t.test("HTML (golden): one self-contained file, nothing to load, a peer's text escaped", async (t) => {
  const page = renderDiffHtml(diff);
  t.matchSnapshot(page, "diff html");
  t.notMatch(page, /<link\b|<img\b|<iframe\b|<object\b|<script\b|@import|url\(/i, "no external resource and no script");
  t.notMatch(page, /\s(src|href)=/i, "nothing to load or follow");
  const sha = createHash("sha256").update(DIFF_HTML_STYLE).digest("base64");
  t.match(page, escapeHtml(`default-src 'none'; style-src 'sha256-${sha}'`), "a policy that forbids every load, the stylesheet allowed by its hash");
  t.match(page, `<style>${DIFF_HTML_STYLE}</style>`);
  t.notOk(page.includes(HOSTILE_ISSUER), "the issuer never appears raw");
  t.match(page, escapeHtml("O=<script>window.__exumPwned = 1</script>"), "…it is shown as text");
  t.match(page, '<tr class="security-regression"><td><span class="badge">security regression</span></td><td><code>steps[0]</code> options callRouter</td><td>TLS version');
  t.match(renderDiffHtml(same), "No differences in what was negotiated: 4 scenarios compared.");
});

t.test("every aspect has its words, once", async (t) => {
  t.same(Object.keys(ASPECT_LABELS).sort(), [...DIFF_ASPECTS].sort());
  t.equal(new Set(Object.values(ASPECT_LABELS)).size, DIFF_ASPECTS.length, "no two aspects read alike");
});
