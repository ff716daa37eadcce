import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

/*
 * TLS 1.0/1.1 disablement (docs/protocol.md §10 "Field failures engineers report": "full TLS 1.2 needs Exchange 2013
 * CU20 / 2016 CU9 and SfB 2015 CU9 / 2019 CU1"): a server's `tlsVersions` range, met by a client offering other ones.
 */

const CAS = "cas01.tukwila.contoso.com";

t.test("a hardened Call Router (TLS 1.2 only) refuses a pool that speaks TLS 1.0 only: tls-protocol-version", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, tlsVersions: { min: "TLSv1.2", max: "TLSv1.2" } }] });
  const lab = await startTestLab(t, { topology });
  const old = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool", { maxTlsVersion: "TLSv1" }));
  t.match(old, { outcome: "failed", status: null, failure: { code: "tls-protocol-version" } });
  const updated = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(updated, { outcome: "ok", status: 200, tls: { version: "TLSv1.2" } }, "a pool with TLS 1.2 is answered, over TLS 1.2 (not 1.3)");
});

t.test("an Exchange before CU20/CU9 (TLS 1.0 only) meets a hardened pool (TLS 1.2+): tls-protocol-version; an old pool is answered over TLS 1.0", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, tlsVersions: { min: "TLSv1", max: "TLSv1" } }] });
  const lab = await startTestLab(t, { topology });
  const hardened = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(hardened, { outcome: "failed", status: null, failure: { code: "tls-protocol-version" } });
  const old = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool", { maxTlsVersion: "TLSv1" }));
  t.match(old, { outcome: "ok", status: 200, tls: { version: "TLSv1" } });
});

t.test("a range with min above max is refused naming the field", async (t) => {
  t.throws(() => applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, tlsVersions: { min: "TLSv1.3", max: "TLSv1" } }] }), { code: "EXUM_TOPOLOGY_OVERRIDE_INVALID", message: /servers\[0\]\.tlsVersions: min is newer than max/ });
});
