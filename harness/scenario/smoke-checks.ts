import type { LoadedSite } from "./loaded-site.js";
import type { ScenarioInput } from "./scenario-schema.js";
import type { TargetRole } from "../model/target-role.js";

/**
 * One check of `exum smoke`, written as a scenario (it is bound and run like one), or the reason it cannot run against
 * this site.
 */
export type SmokeCheck =
  | { readonly id: string; readonly scenario: ScenarioInput; readonly skip: null }
  | { readonly id: string; readonly name: string; readonly summary: string; readonly skip: string };

/** The roles whose every server gets OPTIONS and a certificate lint, with the name reports give them. */
export const SMOKE_SERVER_ROLES: readonly { readonly role: TargetRole; readonly id: string; readonly title: string }[] = [
  { role: "callRouter", id: "call-router", title: "Call Router" },
  { role: "exchange2010", id: "exchange-2010", title: "Exchange 2010 UM server" },
  { role: "mediation", id: "mediation", title: "Mediation Server" },
];

/**
 * The lint rules a smoke certificate check names besides the verdict (which covers every error-severity rule), so a
 * failure says which. Only error-severity rules: a warning (`expires-soon`) is shown with the check's findings and
 * never fails it, the one severity rule of `exum certs lint` (exit 1 on errors only).
 */
export const SMOKE_CERTIFICATE_RULES = ["chains-to-root", "fqdn-in-name", "not-expired", "already-valid"] as const;

const firstLabel = (fqdn: string) => fqdn.split(".")[0] ?? fqdn;

/** OPTIONS, then the live certificate lint, of one server (docs/protocol.md §6; §5). */
function serverCheck(role: TargetRole, title: string, fqdn: string): ScenarioInput {
  const ref = `${role}:${fqdn}`;
  return {
    name: `${title} ${fqdn}`,
    summary: `OPTIONS over mutual TLS answered 200, and the certificate ${fqdn} presents chains to the site's CA, names it and is not about to expire.`,
    tags: ["smoke"],
    as: "pool",
    steps: [
      // docs/protocol.md §6: "The Call Router answers OPTIONS with 200 to any peer that completes TLS [OBS]."
      { name: `OPTIONS to ${fqdn}`, options: ref, expect: { outcome: "ok", tls: { mutual: true } } },
      // docs/protocol.md §5: "the UM and Lync servers must chain to the same root CA"; "The FQDN must be the 'Issued to' value."
      {
        name: `certificate of ${fqdn}`,
        certs: ref,
        expect: { lint: { verdict: "pass", passedRules: [...SMOKE_CERTIFICATE_RULES] }, tls: { trusted: true } },
      },
    ],
  };
}

/** The Secured call: to the auto attendant, else Subscriber Access; or why there is none. */
function callCheck(loaded: LoadedSite): SmokeCheck {
  const { site, file } = loaded;
  const id = "secured-call";
  const kind = (site.pilots.autoAttendant ?? []).length > 0 ? "autoAttendant" : (site.pilots.subscriberAccess ?? []).length > 0 ? "subscriberAccess" : null;
  const what = kind === "autoAttendant" ? "the auto attendant" : "Subscriber Access";
  const name = kind === null ? "Secured call" : `Secured call to ${what}`;
  const summary = "One INVITE offering SRTP (EncryptionLevel RequireEncryption) through the redirect chain, BYE right after the answer.";
  const routers = (site.roles.callRouter ?? []).length + (site.roles.exchange2010 ?? []).length;
  if (kind === null) return { id, name, summary, skip: `the site names no auto attendant or Subscriber Access pilot (add pilots: autoAttendant: or subscriberAccess: in ${file})` };
  if (routers === 0) return { id, name, summary, skip: `the site binds no callRouter or exchange2010 to send the call to (add one under roles: in ${file})` };
  if (site.safety.maxCalls < 1) return { id, name, summary, skip: `safety.maxCalls is 0 in ${file}: OPTIONS and certificate checks only` };
  return {
    id,
    skip: null,
    scenario: {
      name,
      summary,
      tags: ["smoke"],
      as: "pool",
      steps: [
        {
          name: `Secured call to ${what}, hold 0`,
          call: { to: kind, encryption: "RequireEncryption", hold: 0 },
          // docs/protocol.md §2: Secured is "TLS + SRTP"; Lync to Exchange UM signalling is mutual TLS.
          expect: { outcome: "answered", negotiated: { signaling: "mtls", media: "srtp", mode: "Secured" } },
        },
      ],
    },
  };
}

/**
 * The safe post-deployment set (docs/design.md §1 `exum smoke`), in the order it runs: for every Call Router (and Exchange 2010
 * UM server) and Mediation Server the site binds, OPTIONS and a live certificate lint; then one short Secured call to
 * the auto attendant or Subscriber Access pilot. One call at most, never load.
 */
export function smokeChecks(loaded: LoadedSite): SmokeCheck[] {
  const checks: SmokeCheck[] = [];
  const ids = new Set<string>();
  for (const { role, id, title } of SMOKE_SERVER_ROLES) {
    for (const server of loaded.site.roles[role] ?? []) {
      let checkId = `${id}-${firstLabel(server.fqdn)}`;
      for (let n = 2; ids.has(checkId); n += 1) checkId = `${id}-${firstLabel(server.fqdn)}-${n}`;
      ids.add(checkId);
      checks.push({ id: checkId, scenario: serverCheck(role, title, server.fqdn), skip: null });
    }
  }
  checks.push(callCheck(loaded));
  return checks;
}
