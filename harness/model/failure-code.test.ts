import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { FAILURE_CODES, FAILURES, failureCodesOf, fixFor, isFailureCode } from "./failure-code.js";

t.test("the media codes are the ones docs/media.md §7 lists, in its order", async (t) => {
  // Read from the document, not from the registry: the numbered list of §7 names each code of layer rtp once.
  const text = await readFile(join(import.meta.dirname, "..", "..", "docs", "media.md"), "utf8");
  const section = text.slice(text.indexOf("## 7."), text.indexOf("## 8."));
  const listed = [...section.matchAll(/^\d+\. `([a-z-]+)`/gm)].map((match) => match[1]);
  t.same(failureCodesOf("rtp"), listed, "layer rtp, as docs/media.md §7 lists it");
  t.ok(isFailureCode("peer-ended-call"), "§7 names peer-ended-call (layer sip) too");
  t.equal(FAILURES["peer-ended-call"].layer, "sip");
  t.same(failureCodesOf("failover"), ["all-servers-failed"]);
});

t.test("docs/design.md §6's named codes are all in the registry", async (t) => {
  // The codes the design names, written out here as the design writes them (not derived from the registry).
  const named = [
    "tls-untrusted-server", "tls-name-mismatch", "tls-client-cert-rejected", "tls-protocol-version", "connection-refused",
    "connection-timeout", "no-response", "unauthorized-gateway", "security-parity", "incompatible-security-setting",
    "srtp-required-by-peer", "redirect-loop", "all-servers-failed", "rejected",
  ];
  for (const code of named) t.ok(isFailureCode(code), code);
  t.notOk(isFailureCode("dns-resolution-failed"), "merged into name-not-resolved");
  t.notOk(isFailureCode("interrupted"), "merged into aborted");
  t.notOk(isFailureCode("toString"), "no inherited property is a code");
});

t.test("every row: kebab-case code, one-line meaning, a fix that names its docs/ source and tag", async (t) => {
  for (const code of FAILURE_CODES) {
    const row = FAILURES[code];
    t.match(code, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${code} is kebab-case`);
    t.match(row.meaning, /^[^\n]{10,}$/, `${code}: meaning`);
    t.ok(row.fix.problem.length > 0 && row.fix.action.length > 0, `${code}: problem and action`);
    t.match(row.fix.source, /docs\/(protocol|design|media)\.md §\d/, `${code}: names its source`);
    // docs/design.md and docs/media.md state facts of the harness and of RFCs, which carry no confidence tag.
    t.match(row.fix.source, /\[(DOC|KB|3P|OBS|INF)|docs\/(design|media)\.md/, `${code}: carries the source's tag`);
  }
  t.equal(FAILURES["aborted"].exitClass, "interrupted", "an interrupt says nothing about the peer");
  t.equal(FAILURES["tls-name-mismatch"].exitClass, "failed");
});

t.test("the fixes name the settings an administrator changes", async (t) => {
  const commands = (code: keyof typeof FAILURES) => FAILURES[code].fix.commands.join("\n");
  t.match(commands("incompatible-security-setting"), /Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured/);
  t.match(commands("incompatible-security-setting"), /Set-CsMediaConfiguration .*-EncryptionLevel SupportEncryption/);
  t.match(commands("srtp-required-by-peer"), /Set-CsMediaConfiguration/);
  t.match(commands("connection-refused"), /Set-UMCallRouterSettings .*-UMStartupMode Dual/);
  t.match(commands("connection-refused"), /Set-UMService .*-UMStartupMode Dual/);
  t.match(commands("unauthorized-gateway"), /Set-UMIPGateway/);
  t.match(commands("tls-name-mismatch"), /New-ExchangeCertificate/);
  t.match(commands("security-parity"), /Set-UMDialPlan .*-VoIPSecurity Secured/);
  t.match(commands("name-not-resolved"), /Resolve-DnsName/);
});

t.test("fixFor: by code, sharpened by the ms-diagnostics reason, null when unknown", async (t) => {
  t.equal(fixFor(null), null);
  t.equal(fixFor("no-such-code"), null);
  t.equal(fixFor("rejected")?.commands.length, 0);
  t.match(fixFor("rejected", "DialPlanNotLinked"), { commands: [/Set-UMCallRouterSettings .*-DialPlans/, /Set-UMService .*-DialPlans/] });
  // The lab's (and Exchange's) sentence with details picks the same variant (docs/protocol.md §10).
  t.match(fixFor("rejected", "Dial plan not linked. cas01.tukwila.contoso.com is not a member of dial plan DP1."), { commands: [/Set-UMCallRouterSettings .*-DialPlans/] });
  t.equal(fixFor("rejected", "SomethingElse")?.action, FAILURES["rejected"].fix.action);
});
