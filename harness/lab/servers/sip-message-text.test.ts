import t from "tap";
import { headerName, headerValues, joinMessage, splitMessage, topViaBranch, withoutHeader, withoutTopVia } from "./sip-message-text.js";

const RESPONSE = [
  "SIP/2.0 200 OK",
  "v: SIP/2.0/TLS pool01.contoso.com:5061;branch=z9hG4bKexum1, SIP/2.0/TLS med01.contoso.com:5070;branch=z9hG4bKmed",
  "From: <sip:exum@med01.contoso.com>;tag=a",
  "Subject: folded",
  "  on two lines",
  "Content-Length: 3",
  "",
  "abc",
].join("\r\n");

t.test("a proxy's edits: top Via off (RFC 3261 §16.7 step 3), headers kept as written, Content-Length rewritten", async (t) => {
  const message = splitMessage(RESPONSE);
  t.equal(message.startLine, "SIP/2.0 200 OK");
  t.equal(headerName("v: x"), "via", "compact forms (RFC 3261 §7.3.3)");
  t.same(headerValues(message, "subject"), ["folded on two lines"], "folding joined (§7.3.1)");
  t.equal(topViaBranch(message), "z9hG4bKexum1");
  t.equal(withoutTopVia(message, "z9hG4bKother"), null, "another branch is not ours");
  const relayed = withoutTopVia(message, "z9hG4bKexum1");
  t.same(headerValues(relayed ?? message, "via"), ["SIP/2.0/TLS med01.contoso.com:5070;branch=z9hG4bKmed"]);
  const text = joinMessage({ ...withoutHeader(message, "subject"), body: "abcdef" });
  t.match(text, /\r\nContent-Length: 6\r\n\r\nabcdef$/);
  t.notMatch(text, /Subject|Content-Length: 3/);
  const single = splitMessage("SIP/2.0 100 Trying\r\nVia: SIP/2.0/TLS a;branch=z9hG4bKexum2\r\nVia: SIP/2.0/TLS b;branch=z9hG4bKb\r\n\r\n");
  t.same(headerValues(withoutTopVia(single, "z9hG4bKexum2") ?? single, "via"), ["SIP/2.0/TLS b;branch=z9hG4bKb"], "a Via on its own line");
});
