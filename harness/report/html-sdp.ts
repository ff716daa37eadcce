import { html, type SafeHtml } from "./escape-html.js";
import { redactSrtpKeys } from "./redact-srtp-keys.js";

/** One SDP body, line by line, crypto lines highlighted (`a=crypto`, `a=cryptoscale`) and m= lines in bold. */
function sdpLines(sdp: string): SafeHtml {
  const lines = redactSrtpKeys(sdp).replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  return html`<pre class="sdp-body">${lines.map((line, index) => {
    const end = index === lines.length - 1 ? "" : "\n";
    if (/^a=crypto/i.test(line)) return html`<mark class="crypto">${line}</mark>${end}`;
    if (/^m=/.test(line)) return html`<span class="mline">${line}</span>${end}`;
    return html`${line}${end}`;
  })}</pre>`;
}

/** Offer and answer side by side (one column on a narrow screen), key material hidden. The answer is a peer's text: escaped. */
export function sdpHtml(sdp: { readonly offer: string | null; readonly answer: string | null }): SafeHtml {
  const side = (caption: string, body: string | null) =>
    html`<figure><figcaption>${caption}</figcaption>${body === null ? html`<p class="note">none</p>` : sdpLines(body)}</figure>`;
  return html`<div class="sdp">${side("Offer (ours)", sdp.offer)}${side("Answer (theirs)", sdp.answer)}</div>`;
}
