import t from "tap";
import { probeOptions } from "../../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "../lab-test-fixture.js";
import { owaHandler } from "./sim-owa.js";

const OWA = "owapool.contoso.com";

t.test("the OWA trusted application answers OPTIONS over mutual TLS on its port (5199) to the pool", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeOptions(labTarget(lab, OWA, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(result, { outcome: "ok", status: 200, hops: [{ signaling: "mtls", port: 5199 }] });
  t.match(result.hops[0]?.headers, { server: [/^MSExchangeUM\//], allow: ["OPTIONS, ACK"] });
});

t.test("anyone but a pool: 403 + ms-diagnostics with the OWA FQDN as source [INF]; another CA: TLS abort", async (t) => {
  const lab = await startTestLab(t);
  for (const persona of ["gateway", "mediation"]) {
    const result = await probeOptions(labTarget(lab, OWA, "sip-tls", null), await clientOptions(lab, persona));
    t.match(result, { status: 403, hops: [{ diagnostics: [{ header: "ms-diagnostics", code: 1099, source: OWA }] }] }, persona);
  }
  const untrusted = await probeOptions(labTarget(lab, OWA, "sip-tls", null), await clientOptions(lab, "signed-by-other-ca"));
  t.match(untrusted, { status: null, failure: { code: "tls-client-cert-rejected" } });
});

t.test("its port and answers come from the topology and the settings", async (t) => {
  const lab = await startTestLab(t, { roles: { owa: owaHandler({ optionsStatus: 503, serverHeader: "RTCC/5.0.0.0 OWA" }) } });
  const result = await probeOptions(labTarget(lab, OWA, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(result, { status: 503, reason: "Service Unavailable", hops: [{ headers: { server: ["RTCC/5.0.0.0 OWA"] } }] });
});
