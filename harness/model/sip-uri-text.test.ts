import t from "tap";
import { formatSipUriText, nameAddrUri, parseSipUriText, rawRequestUri, uriParam, uriUser } from "./sip-uri-text.js";

t.test("a SIP URI split as written and put back together unchanged (RFC 3261 §19.1.1)", async (t) => {
  for (const text of [
    "sip:alice@contoso.com;opaque=app:voicemail",
    "sips:+14255550100;phone-context=dp1.contoso.com@contoso.com:5061;user=phone;transport=Tls?Subject=x",
    "sip:cas01.tukwila.contoso.com",
    "sip:[::1]:5061;lr",
    "SIP:Bob@Example.COM;Maddr=mbx01.contoso.com",
  ]) {
    const parsed = parseSipUriText(text);
    if (parsed === null) {
      t.fail(`${text} did not parse`);
      continue;
    }
    t.equal(formatSipUriText(parsed), text, `${text}: round trip`);
  }
  t.match(parseSipUriText("sip:[::1]:5061;lr"), { host: "[::1]", port: 5061, user: null, params: [["lr", null]], headers: null });
  t.equal(parseSipUriText("tel:+14255550100"), null, "not sip:/sips:");
  t.equal(parseSipUriText("sip:"), null);
});

t.test("parameters by name without case, flags as null, absent as undefined; the user without its parameters", async (t) => {
  const uri = parseSipUriText("sip:+1425;phone-context=dp1@contoso.com;Maddr=mbx01;lr");
  if (uri === null) throw new Error("did not parse");
  t.equal(uriParam(uri, "maddr"), "mbx01");
  t.equal(uriParam(uri, "LR"), null);
  t.equal(uriParam(uri, "transport"), undefined);
  t.equal(uriUser(uri), "+1425");
  const bare = parseSipUriText("sip:contoso.com");
  t.equal(bare === null ? "?" : uriUser(bare), null);
});

t.test("the Request-URI of a request line, and the URI of a name-addr", async (t) => {
  t.equal(rawRequestUri("INVITE sip:alice@contoso.com;opaque=app:voicemail SIP/2.0\r\nVia: x\r\n"), "sip:alice@contoso.com;opaque=app:voicemail");
  t.equal(rawRequestUri("OPTIONS sip:cas01 SIP/2.0"), "sip:cas01", "without a line end");
  t.equal(rawRequestUri(""), "");
  t.equal(nameAddrUri('"Alice" <sip:alice@contoso.com>;tag=1'), "sip:alice@contoso.com");
  t.equal(nameAddrUri("sip:bob@contoso.com;reason=no-answer"), "sip:bob@contoso.com");
  t.equal(nameAddrUri(" ;tag=1"), null);
});
