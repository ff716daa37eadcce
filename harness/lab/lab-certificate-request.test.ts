import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";
import type { Lab } from "./lab.js";

const CAS = "cas01.tukwila.contoso.com";

/** A lab whose Call Router's CertificateRequest lists `certificateRequest` (topology-certificate-request.ts). */
async function labWith(t: Parameters<typeof startTestLab>[0], certificateRequest: Record<string, unknown>): Promise<Lab> {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, certificateRequest }] });
  return startTestLab(t, { topology });
}

async function optionsAsPool(lab: Lab, maxTlsVersion?: "TLSv1.2" | "TLSv1.3") {
  const options = await clientOptions(lab, "pool", maxTlsVersion === undefined ? {} : { maxTlsVersion });
  return probeOptions(labTarget(lab, CAS, "sip-tls", null), options);
}

t.test("by default the CertificateRequest names the lab root, our issuer", async (t) => {
  const lab = await startTestLab(t);
  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    const result = await optionsAsPool(lab, version);
    t.equal(result.status, 200, version);
    const client = result.tls?.clientCertificate;
    t.equal(client?.acceptableCAs?.length, 1, `${version}: one CA name`);
    t.match(client?.acceptableCAs?.[0], /CN=Exum Lab Root CA/i, `${version}: the lab root, read from the ${version === "TLSv1.3" ? "certificate_authorities extension" : "CertificateRequest"}`);
    t.equal(client?.issuerListed, true);
    t.notOk(result.tls?.warnings.some((warning) => warning.startsWith("tls-client-ca-not-listed")));
  }
});

t.test("caNames none: an empty list, any certificate may be sent (SendTrustedIssuerList = 0)", async (t) => {
  const lab = await labWith(t, { caNames: "none" });
  const result = await optionsAsPool(lab);
  t.equal(result.status, 200, "the server still trusts the lab root");
  t.same(result.tls?.clientCertificate.acceptableCAs, []);
  t.equal(result.tls?.clientCertificate.issuerListed, null);
  t.equal(result.tls?.clientCertificate.accepted, true);
});

t.test("caNames many: Schannel's 16 KB cut drops the lab root; the client names the finding (KB 2464556)", async (t) => {
  const lab = await labWith(t, { caNames: "many", otherRoots: 300 });
  for (const version of ["TLSv1.2", "TLSv1.3"] as const) {
    const result = await optionsAsPool(lab, version);
    const client = result.tls?.clientCertificate;
    const names = client?.acceptableCAs ?? [];
    t.ok(names.length > 100 && names.length < 301, `${version}: many names, but not all 301 (${names.length})`);
    t.match(names[0], /CN=Exum Other Trusted Root 0001/);
    t.notOk(names.some((name) => /Exum Lab Root CA/i.test(name)), "the lab root fell off the end");
    t.equal(client?.issuerListed, false, "our issuer is not among them");
    t.ok(result.tls?.warnings.some((warning) => warning.startsWith("tls-client-ca-not-listed:")), "the named finding");
    t.equal(result.status, 200, "OpenSSL sent our certificate anyway and the server, which trusts the lab root, answered");
  }
  const [event] = lab.events.entries({ eventId: 36885 });
  t.match(event, { server: CAS, level: "Warning", message: /list has thus been truncated/ });
});

t.test("caNames many without the Schannel bound: every name, the lab root last", async (t) => {
  const lab = await labWith(t, { caNames: "many", otherRoots: 40, schannelLimit: false });
  const result = await optionsAsPool(lab);
  const names = result.tls?.clientCertificate.acceptableCAs ?? [];
  t.equal(names.length, 41);
  t.match(names[40], /Exum Lab Root CA/i);
  t.equal(result.tls?.clientCertificate.issuerListed, true);
  t.equal(lab.events.entries({ eventId: 36885 }).length, 0, "nothing was truncated");
});

t.test("a server that lists other names still refuses a certificate it does not trust", async (t) => {
  const lab = await labWith(t, { caNames: "none" });
  const result = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "signed-by-other-ca", { maxTlsVersion: "TLSv1.2" }));
  t.equal(result.outcome, "failed");
  t.not(result.status, 200);
  t.ok(lab.events.entries({ eventId: 1649 }).length >= 1, "the Call Router logged its TLS failure (1649)");
});
