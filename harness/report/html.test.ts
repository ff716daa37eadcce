import { createHash } from "node:crypto";
import t from "tap";
import { escapeHtml } from "./escape-html.js";
import { HTML_SCRIPT } from "./html-script.js";
import { HTML_STYLE } from "./html-style.js";
import { renderHtml } from "./html.js";
import { fixtureRun, HOSTILE_REASON, HOSTILE_SERVER_HEADER } from "./testdata/report-fixture.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64");
const page = renderHtml(fixtureRun());

t.test("one self-contained file: nothing to load, one script allowed by its hash", async (t) => {
  t.notMatch(page, /<link\b|<img\b|<iframe\b|<object\b|@import|url\((?!#)/i, "no external resource");
  t.notMatch(page, /<[^>]*\ssrc=/i, "no src attribute on any element");
  t.notMatch(page, /href="(?!#)/, "links only within the page");
  t.equal(page.match(/<script\b/g)?.length, 1, "one script element: ours");
  // The policy is an attribute value: its quotes are written as entities, which the browser reads back.
  t.match(page, escapeHtml(`default-src 'none'; style-src 'sha256-${sha256(HTML_STYLE)}'; script-src 'sha256-${sha256(HTML_SCRIPT)}'; img-src data:`));
  t.match(page, `<style>${HTML_STYLE}</style>`);
  t.match(page, `<script>${HTML_SCRIPT}</script>`);
});

t.test("everything a peer sent is escaped", async (t) => {
  t.notOk(page.includes(HOSTILE_SERVER_HEADER), "the Server header never appears raw");
  t.notOk(page.includes(HOSTILE_REASON), "nor the reason phrase");
  t.notMatch(page, /<img src=x|<b>bold<\/b>|onerror=alert\(2\)>/);
  t.match(page, escapeHtml(HOSTILE_SERVER_HEADER), "shown as text");
  t.match(page, escapeHtml("The call was rejected: Incompatible security setting. <img src=x onerror=alert(2)>"));
});

t.test("the summary, the matrix beside its documented table, ladders, TLS, SDP, events, fixes", async (t) => {
  t.match(page, '<span class="badge error">error</span>');
  t.match(page, '<section id="matrix" class="matrix-section">');
  t.match(page, /<figure class="grid measured">[\s\S]*<figure class="grid documented">/);
  t.equal(page.match(/<svg class="ladder"/g)?.length, 5, "one ladder per probe: options, two calls, two failover attempts");
  t.match(page, '<article class="step failed" id="step-incompatible-security-setting-1">');
  t.match(page, "Set-UMDialPlan -Identity &lt;dial plan&gt; -VoIPSecurity Secured");
  t.match(page, "<summary>TLS and certificates</summary>");
  t.match(page, "O=exum lab, CN=mbx01.tukwila.contoso.com");
  t.match(page, '<mark class="crypto">a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:‹40 base64 characters hidden›|2^31|1:1</mark>');
  t.notMatch(page, /uRrF0iyPeme7A8iJ819EeqrHk8PJtHaiCg4OZ2o4/, "no SRTP key material, in the SDP or the raw messages");
  t.match(page, "Event log of the simulated servers");
  t.match(page, "Harness error <code>EXUM_LAB_NO_FREE_ADDRESS_BLOCK</code>");
  t.match(page, "Skipped: lab only: needs the lab&#39;s OWA pool");
});

t.test("narrow screens and print have their own rules", async (t) => {
  t.match(HTML_STYLE, "@media (max-width: 640px)");
  t.match(HTML_STYLE, "@media print");
  t.match(page, '<meta name="viewport" content="width=device-width, initial-scale=1">');
  t.match(HTML_SCRIPT, "beforeprint");
});
