import t from "tap";
import { failureCodeTable } from "../scenario/failure-code.js";
import { FIXES, fixFor } from "./fixes.js";

t.test("every stable failure code has exactly one fix, with its source", async (t) => {
  const codes = failureCodeTable().map((row) => row.code);
  t.same(Object.keys(FIXES).sort(), [...codes].sort(), "the fix table and failureCodeTable name the same codes");
  for (const fix of Object.values(FIXES)) {
    t.ok(fix.problem.length > 0 && fix.action.length > 0, `${fix.code}: problem and action`);
    t.match(fix.source, /PROTOCOL\.md §\d|DESIGN\.md §\d/, `${fix.code}: names its source`);
    t.match(fix.source, /\[(DOC|KB|3P|OBS|INF)|DESIGN\.md/, `${fix.code}: carries the source's tag`);
  }
});

t.test("the fixes name the settings an administrator changes", async (t) => {
  t.match(FIXES["incompatible-security-setting"]?.commands.join("\n"), /Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured/);
  t.match(FIXES["incompatible-security-setting"]?.commands.join("\n"), /Set-CsMediaConfiguration .*-EncryptionLevel SupportEncryption/);
  t.match(FIXES["srtp-required-by-peer"]?.commands.join("\n"), /Set-CsMediaConfiguration/);
  t.match(FIXES["connection-refused"]?.commands.join("\n"), /Set-UMCallRouterSettings .*-UMStartupMode Dual/);
  t.match(FIXES["connection-refused"]?.commands.join("\n"), /Set-UMService .*-UMStartupMode Dual/);
  t.match(FIXES["unauthorized-gateway"]?.commands.join("\n"), /Set-UMIPGateway/);
  t.match(FIXES["tls-name-mismatch"]?.commands.join("\n"), /New-ExchangeCertificate/);
  t.match(FIXES["security-parity"]?.commands.join("\n"), /Set-UMDialPlan .*-VoIPSecurity Secured/);
});

t.test("fixFor: by code, sharpened by the ms-diagnostics reason, null when unknown", async (t) => {
  t.equal(fixFor(null), null);
  t.equal(fixFor("no-such-code"), null);
  t.equal(fixFor("rejected")?.commands.length, 0);
  t.match(fixFor("rejected", "DialPlanNotLinked"), { code: "rejected", commands: [/Set-UMCallRouterSettings .*-DialPlans/, /Set-UMService .*-DialPlans/] });
  t.equal(fixFor("rejected", "SomethingElse")?.action, FIXES["rejected"]?.action);
});
