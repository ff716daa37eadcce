import { readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { parseSiteYaml } from "./load-site.js";
import { SMOKE_MAX_DURATION_MS } from "./smoke-bound.js";
import { smokePlans } from "./smoke-plans.js";

const BASE = "domain: contoso.com\nidentity: { cert: me.crt, key: me.key }\ncaBundle: root.pem\n";
const site = (extra: string) => parseSiteYaml(`${BASE}${extra}`, "/sites/contoso.yaml");

t.test("every Call Router, Exchange 2010 UM server and Mediation Server: OPTIONS and a certificate lint", async (t) => {
  const { plans, maxDurationMs } = smokePlans(
    site("roles:\n  callRouter: [cas01.contoso.com, cas01.dublin.contoso.com:5071]\n  exchange2010: um2010.contoso.com\n  mediation: med01.contoso.com\npilots: { subscriberAccess: dp1.contoso.com }\ntimeout: 2s\n"),
    { file: "contoso.yaml" },
  );
  t.equal(maxDurationMs, SMOKE_MAX_DURATION_MS, "a minute when the site sets no safety.maxDuration");
  t.same(
    plans.map((plan) => [plan.scenario.id, plan.scenario.file, plan.skip, plan.steps.map((step) => step.kind)]),
    [
      ["call-router-cas01", "contoso.yaml", null, ["options", "certs"]],
      ["call-router-cas01-2", "contoso.yaml", null, ["options", "certs"]],
      ["exchange-2010-um2010", "contoso.yaml", null, ["options", "certs"]],
      ["mediation-med01", "contoso.yaml", null, ["options", "certs"]],
      ["secured-call", "contoso.yaml", null, ["call"]],
    ],
  );
  const [options, certs] = plans[1]?.steps ?? [];
  t.match(options, { kind: "options", name: "OPTIONS to cas01.dublin.contoso.com", endpoint: { fqdn: "cas01.dublin.contoso.com", port: 5071, transport: "tls" }, timeoutMs: 2000, expect: { outcome: "ok", tls: { mutual: true } } });
  t.match(certs, { kind: "certs", fqdn: "cas01.dublin.contoso.com", expect: { lint: { verdict: "pass", passedRules: ["chains-to-root", "fqdn-in-name", "not-expired", "already-valid"] }, tls: { trusted: true } } });
  t.match(plans[3]?.steps[0], { kind: "options", endpoint: { fqdn: "med01.contoso.com", port: 5070 }, persona: { persona: "pool" } }, "the Mediation Server as the pool reaches it");
  t.match(plans[4]?.steps[0], {
    kind: "call",
    via: { role: "callRouter", fqdn: "cas01.contoso.com", port: 5061 },
    call: { requestUri: "sip:dp1.contoso.com@contoso.com", headers: [], holdMs: 0, media: { setting: "EncryptionLevel", value: "RequireEncryption" } },
    expect: { outcome: "answered", negotiated: { mode: "Secured" } },
  });
  t.equal(plans[4]?.calls, 1, "one call, never load");
});

t.test("the auto attendant is preferred; --timeout and safety.maxDuration", async (t) => {
  const { plans, maxDurationMs } = smokePlans(site("roles: { callRouter: cas01.contoso.com }\npilots: { subscriberAccess: dp1.contoso.com, autoAttendant: '+14255550100' }\nsafety:\n  maxDuration: 2m\n"), { stepTimeoutMs: 1500 });
  t.equal(maxDurationMs, 120_000);
  t.match(plans.at(-1)?.steps[0], { call: { requestUri: "sip:+14255550100@contoso.com" }, timeoutMs: 1500 });
  t.equal(plans[0]?.scenario.file, "/sites/contoso.yaml");
  t.equal(smokePlans(site("roles: { callRouter: cas01.contoso.com }\nsafety: { maxCalls: 3 }\n")).maxDurationMs, SMOKE_MAX_DURATION_MS, "other safety fields leave the smoke default");
});

t.test("the call is skipped with a note when it cannot be placed", async (t) => {
  const skip = (extra: string) => smokePlans(site(extra)).plans.at(-1)?.skip;
  t.match(skip("roles: { callRouter: cas01.contoso.com }\n"), /^the site names no auto attendant or Subscriber Access pilot \(add pilots: .* in \/sites\/contoso\.yaml\)$/);
  t.match(skip("roles: { mediation: med01.contoso.com }\npilots: { autoAttendant: aa }\n"), /^the site binds no callRouter or exchange2010/);
  t.match(skip("roles: { callRouter: cas01.contoso.com }\npilots: { autoAttendant: aa }\nsafety: { maxCalls: 0 }\n"), /^safety\.maxCalls is 0 in .*: OPTIONS and certificate checks only$/);
});

t.test("a site with nothing for smoke to check is bad input naming the file and field", async (t) => {
  t.throws(
    () => smokePlans(site("roles: { pool: pool01.contoso.com }\n")),
    { code: "EXUM_SMOKE_NOTHING_TO_CHECK", kind: "input", file: "/sites/contoso.yaml", field: "roles" },
  );
});

t.test("site.example.yaml: the smoke set it describes", async (t) => {
  const file = join(import.meta.dirname, "..", "..", "scenarios", "site.example.yaml");
  const { plans, maxDurationMs } = smokePlans(parseSiteYaml(await readFile(file, "utf8"), file));
  t.equal(maxDurationMs, 300_000, "its safety.maxDuration is written: 5m");
  t.same(
    plans.map((plan) => plan.scenario.id),
    ["call-router-cas01", "call-router-cas02", "mediation-med01", "secured-call"],
  );
  t.match(plans.at(-1)?.steps[0], { call: { requestUri: "sip:+14255550100@contoso.com" } }, "the auto attendant pilot");
});
