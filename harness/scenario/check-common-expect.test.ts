import t from "tap";
import type { MsDiagnostics } from "../model/ms-diagnostics.js";
import type { Hop } from "../model/probe-result.js";
import { checkDiagnostics, checkTls } from "./check-common-expect.js";
import { emptyEvidence } from "../tls/empty-evidence.js";

const diagnostics = (reason: string): MsDiagnostics => ({
  header: "ms-diagnostics-public",
  code: 15643,
  reason,
  source: "mbx01.tukwila.contoso.com",
  appName: null,
  component: "exchange-um-routing",
  raw: `15643;source="mbx01.tukwila.contoso.com";reason="${reason}"`,
});

/** A hop whose final response carried these headers (only `diagnostics` is read). */
const hop = (...entries: MsDiagnostics[]) => ({ diagnostics: entries }) as unknown as Hop;

t.test("expect.diagnostics.reason matches the leading reason, whatever details Exchange adds after it", async (t) => {
  const detailed = hop(diagnostics("Incompatible security setting. Pilot number: dp1. UMIPGateway: pool01.contoso.com."));
  t.match(checkDiagnostics("steps[0].expect", { reason: "Incompatible security setting" }, detailed), [{ met: true }]);
  t.match(checkDiagnostics("steps[0].expect", { reason: "IncompatibleSecuritySetting" }, detailed), [{ met: true }], "as ExchUcUtil and the event log spell it");
  t.match(checkDiagnostics("steps[0].expect", { reason: "Incompatible security" }, hop(diagnostics("Incompatible securitysetting"))), [{ met: false }], "a prefix that ends inside a word is not the reason");
  t.match(checkDiagnostics("steps[0].expect", { reason: "Incompatible security setting" }, hop(diagnostics("User routing issue"))), [{ met: false, seen: "User routing issue" }]);
  t.match(checkDiagnostics("steps[0].expect", { reason: "Incompatible security setting" }, hop()), [{ met: false, seen: null }], "no header at all");
});

t.test("tls.issuerListed: whether the CertificateRequest named our CA (docs/protocol.md §5); unknown is null, never a pass", async (t) => {
  const tls = emptyEvidence("tls");
  tls.version = "TLSv1.3";
  tls.clientCertificate.acceptableCAs = ["CN=Other"];
  tls.clientCertificate.issuerListed = false;
  t.match(checkTls("steps[0].expect", { issuerListed: false }, tls), [{ met: true }]);
  t.match(checkTls("steps[0].expect", { issuerListed: true }, tls), [{ met: false, path: "steps[0].expect.tls.issuerListed" }]);
  delete tls.clientCertificate.issuerListed;
  t.match(checkTls("steps[0].expect", { issuerListed: false }, tls), [{ met: false }], "a run recorded before it was kept");
});
