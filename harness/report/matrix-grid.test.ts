import t from "tap";
import { renderMatrixMarkdown } from "./matrix-markdown.js";
import { renderMatrixText } from "./matrix-text.js";
import { renderMatrixHtml } from "./matrix-html.js";
import { FIXTURE_MATRIX } from "./testdata/report-fixture.js";


t.test("the matrix grid for the terminal and in Markdown (golden), the differing cell marked ≠", async (t) => {
  const text = renderMatrixText(FIXTURE_MATRIX);
  t.matchSnapshot(text, "terminal");
  t.match(text, "≠ ✗ security-parity (403)");
  t.match(text, "≠ Secured × RequireEncryption: docs/protocol.md §2 compatibility matrix says works: SRTP · Secured; measured fails: security-parity (403)");
  t.match(text, "1 measured cell contradicts the documented tables");
  t.matchSnapshot(renderMatrixMarkdown(FIXTURE_MATRIX), "markdown");
});

t.test("the HTML grid marks the differing cell in both grids and links measured cells to their step", async (t) => {
  const markup = renderMatrixHtml(FIXTURE_MATRIX).value;
  t.equal(markup.match(/class="cell fails differs"/g)?.length, 1, "measured");
  t.equal(markup.match(/class="cell works differs"/g)?.length, 1, "documented");
  t.match(markup, '<a href="#step-incompatible-security-setting-1">fails: incompatible-security-setting (488)</a>');
  t.match(markup, "Require<wbr>Encryption");
});
