import t from "tap";
import { renderMarkdown } from "./markdown.js";
import { fixtureRun, HOSTILE_REASON, HOSTILE_SERVER_HEADER } from "./testdata/report-fixture.js";


t.test("report.md of the fixture run (golden)", async (t) => {
  t.matchSnapshot(renderMarkdown(fixtureRun()), "report.md");
});

t.test("a peer's text cannot make HTML, links or emphasis in report.md", async (t) => {
  const markdown = renderMarkdown(fixtureRun());
  t.notMatch(markdown, /<script|<img|<b>/, "no raw HTML from a peer");
  t.match(markdown, "Not Acceptable &lt;img src=x onerror=alert\\(1\\)&gt; Here".replace(/\\/g, ""), "the reason phrase as text");
  t.notMatch(markdown, /\[link\]\(http/, "a peer's Markdown link is escaped");
  t.match(markdown, "\\[link\\]", "…shown as text");
  t.notOk(markdown.includes(HOSTILE_SERVER_HEADER) || markdown.includes(HOSTILE_REASON), "peer values never appear verbatim");
});

t.test("report.md says why and what to change, with the source", async (t) => {
  const markdown = renderMarkdown(fixtureRun());
  t.match(markdown, "> **Fix:** Make the dial plan Secured");
  t.match(markdown, "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured");
  t.match(markdown, 'Source: docs/protocol.md §3 "Incompatible security setting" \\[DOC, seed\\]');
  t.match(markdown, "✗ **not met:** expected failure security-parity, saw incompatible-security-setting");
  t.match(markdown, "## Compatibility matrix");
  t.match(markdown, "**≠** ❌ fails: security-parity (403)");
});
