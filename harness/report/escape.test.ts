import t from "tap";
import { escapeHtml, html, trustedHtml } from "./escape-html.js";
import { mdCode, mdFence, mdText } from "./escape-markdown.js";
import { terminalText } from "./escape-terminal.js";
import { redactSrtpKeys } from "./redact-srtp-keys.js";

t.test("html escapes every interpolated value unless it is SafeHtml", async (t) => {
  const peer = `<script>alert("x")</script> & 'quote'`;
  t.equal(escapeHtml(peer), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;");
  t.equal(html`<td title="${peer}">${peer}</td>`.value, `<td title="${escapeHtml(peer)}">${escapeHtml(peer)}</td>`);
  t.equal(html`<p>${[peer, html`<b>ours</b>`, 3, null, undefined, false]}</p>`.value, `<p>${escapeHtml(peer)}<b>ours</b>3</p>`);
  t.equal(html`${trustedHtml("<hr>")}`.value, "<hr>");
});

t.test("Markdown text: no HTML, emphasis, code, links or table cells out of a peer's text", async (t) => {
  t.equal(mdText("<img src=x> *a* _b_ `c` [d](e) | f ~g~ \\"), "&lt;img src=x&gt; \\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\| f \\~g\\~ \\\\");
  t.equal(mdText("line\nbreak"), "line break");
  t.equal(mdText("# not a heading"), "# not a heading", "mid-line: left alone");
  t.equal(mdText("# not a heading", { atLineStart: true }), "\\# not a heading");
  t.equal(mdText("1. not a list", { atLineStart: true }), "1\\. not a list");
  t.equal(mdText("- nor this", { atLineStart: true }), "\\- nor this");
  t.equal(mdText("exum 0.1.0"), "exum 0.1.0");
});

t.test("Markdown code spans and fences hold any text verbatim", async (t) => {
  t.equal(mdCode("a`b"), "``a`b``");
  t.equal(mdCode("`x`"), "`` `x` ``");
  t.equal(mdCode("a|b", { inTable: true }), "`a\\|b`");
  t.equal(mdCode(""), "` `");
  t.equal(mdFence("x\n```\ny", "text"), "````text\nx\n```\ny\n````");
});

t.test("terminal text: a peer cannot send escape sequences to the terminal", async (t) => {
  t.equal(terminalText("488 \u001b[31mred\u001b]0;title\u0007 \u009b"), "488 \\x1b[31mred\\x1b]0;title\\x07 \\x9b");
  t.equal(terminalText("a\r\nb"), "a b");
});

t.test("SRTP key material is hidden, the suite and parameters stay", async (t) => {
  t.equal(
    redactSrtpKeys("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:uRrF0iyPeme7A8iJ819EeqrHk8PJtHaiCg4OZ2o4|2^31|1:1"),
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:‹40 base64 characters hidden›|2^31|1:1",
  );
});
