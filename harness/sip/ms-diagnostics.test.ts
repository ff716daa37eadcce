import t from "tap";
import { msDiagnosticsOf, parseMsDiagnostics } from "./ms-diagnostics.js";
import { rejectionFailure } from "./rejection-failure.js";
import { parseRedirectContacts } from "./redirect-contact.js";

t.test("Lync's ms-diagnostics, from Microsoft's own sample (docs/protocol.md §4)", async (t) => {
  const raw =
    '15000;reason="Unable to read the user properties publication for the user or contact object.";source="pool01.contoso.com";appName="ExumRouting"';
  t.same(parseMsDiagnostics("ms-diagnostics", raw), {
    header: "ms-diagnostics",
    code: 15000,
    reason: "Unable to read the user properties publication for the user or contact object.",
    source: "pool01.contoso.com",
    appName: "ExumRouting",
    component: "exchange-um-routing",
    raw,
  });
});

t.test("Exchange's ms-diagnostics-public, quoted semicolons and escapes", async (t) => {
  const d = parseMsDiagnostics("ms-diagnostics-public", '  1234 ;source="cas01";reason="a; b \\"c\\""');
  t.match(d, { code: 1234, source: "cas01", reason: 'a; b "c"', appName: null, component: "sip-stack" });
  t.match(parseMsDiagnostics("ms-diagnostics", "10001;reason=bare"), { component: "mediation-server", reason: "bare" });
  t.match(parseMsDiagnostics("ms-diagnostics", "garbage"), { code: null, component: null, reason: null });
  t.match(parseMsDiagnostics("ms-diagnostics", "99;reason"), { code: 99, component: null, reason: null });
});

t.test("both headers are collected", async (t) => {
  const headers: Record<string, string[]> = { "ms-diagnostics": ["1;reason=a"], "ms-diagnostics-public": ["2;reason=b"] };
  t.same(msDiagnosticsOf((name) => headers[name] ?? []).map((d) => d.code), [1, 2]);
});

t.test("rejections are classified from the diagnostics, not the reason phrase", async (t) => {
  const base = { headers: {}, contacts: [], body: "", contentType: null, at: 0 };
  const diag = (reason: string) => [parseMsDiagnostics("ms-diagnostics-public", `0;source="cas01";reason="${reason}"`)];
  t.equal(rejectionFailure({ ...base, status: 403, reason: "Forbidden", diagnostics: diag("UnAuthorizedGateway") }).code, "unauthorized-gateway");
  t.equal(rejectionFailure({ ...base, status: 403, reason: "Forbidden", diagnostics: diag("IncorrectHuntGroup") }).code, "security-parity");
  t.equal(rejectionFailure({ ...base, status: 403, reason: "UnAuthorizedGateway", diagnostics: [] }).code, "rejected");
  t.match(rejectionFailure({ ...base, status: 480, reason: "Temporarily Unavailable", diagnostics: [] }), {
    code: "rejected",
    message: "480 Temporarily Unavailable",
  });
});

t.test("redirect Contacts are taken raw, ordered by q", async (t) => {
  t.same(
    parseRedirectContacts([
      '"UM" <sip:alice@mbx01.tukwila.contoso.com:5063;transport=Tls;maddr=mbx01.tukwila.contoso.com>;q=0.5',
      "<sip:alice@mbx02.tukwila.contoso.com:5063;transport=TLS>, sip:bob@x:5062;q=0.1",
      "*",
      "<http://not-sip>",
    ]),
    [
      { uri: "sip:alice@mbx02.tukwila.contoso.com:5063;transport=TLS", q: 1 },
      { uri: "sip:alice@mbx01.tukwila.contoso.com:5063;transport=Tls;maddr=mbx01.tukwila.contoso.com", q: 0.5 },
      { uri: "sip:bob@x:5062", q: 0.1 },
    ],
  );
  t.same(parseRedirectContacts([]), []);
});
