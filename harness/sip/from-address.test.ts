import t from "tap";
import { fromAddress } from "./from-address.js";

t.test("a SIP host is kept; anything else falls back to exum.invalid, asked once or many times", async (t) => {
  for (let round = 0; round < 2; round++) {
    t.match(fromAddress({ fromUser: "pool", fromDomain: "pool01.contoso.com" }), { user: "pool", domain: "pool01.contoso.com", text: "sip:pool@pool01.contoso.com", fellBack: false });
    t.match(fromAddress({ fromDomain: "*.contoso.com" }), { user: "exum", domain: "exum.invalid", text: "sip:exum@exum.invalid", fellBack: true });
    t.match(fromAddress({}), { user: "exum", domain: "exum.invalid", fellBack: false });
  }
  t.equal(fromAddress({ fromUser: "pool", fromDomain: "pool01.contoso.com" }).uri.toString(), "sip:pool@pool01.contoso.com");
});

t.test("every call gets a URI of its own: changing one leaves the next untouched", async (t) => {
  const first = fromAddress({ fromUser: "pool", fromDomain: "pool02.contoso.com" });
  first.uri.setParam("transport", "tls");
  const second = fromAddress({ fromUser: "pool", fromDomain: "pool02.contoso.com" });
  t.not(second.uri, first.uri);
  t.equal(second.uri.toString(), "sip:pool@pool02.contoso.com");
});
