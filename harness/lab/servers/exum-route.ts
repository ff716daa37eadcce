import { parseSipUriText, uriParam, uriUser } from "../../model/sip-uri-text.js";
import { firstLabel, sameName } from "../topology/topology-fqdn.js";
import type { DialPlan, ServerOf } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";
import type { UmCallKind } from "./um-call-target.js";

/** Where the pool's ExumRouting sends a call: the UM servers of its dial plan, in order, and the Diversion it writes. */
export interface ExumRoute {
  readonly kind: UmCallKind;
  readonly dialPlan: DialPlan;
  /** The FQDNs of the UM servers to try, in order, already cut to how many the pool tries. */
  readonly servers: readonly string[];
  /** The Diversion header value the pool writes in place of the request's own (call answering), else null: keep them. */
  readonly diversion: string | null;
  /** The Request-URI toward Exchange when the pool retargets (a contact object's SIP address → its pilot), else null. */
  readonly requestUri: string | null;
}

/** Why ExumRouting cannot route a call: the `behaviour.pool` answer to give, and what the lab saw. */
export interface ExumRefusal {
  readonly answer: "unknownTarget" | "noUmDialPlan";
  readonly detail: string;
}

export type ExumRouting = { readonly ok: true; readonly route: ExumRoute } | ({ readonly ok: false } & ExumRefusal);

/**
 * What the Front End pool's ExumRouting application does with a call for Exchange UM, from what the deployment steps
 * set up (docs/protocol.md §7, §8, §10):
 * - **voice mail** (`;opaque=app:voicemail`): the user of the Request-URI, read from the topology; none (or not
 *   UM-enabled: its publication carries no UM settings [INF]) → `unknownTarget` (the support article's 15000). The
 *   pool "removes old `Diversion` headers and adds `Diversion: <original Request-URI>`" [DOC MS-EUMR, MS-SIPRE]. With
 *   Exchange 2010 the user's Lync dial plan name must match the UM dial plan's FQDN (PhoneContext) [DOC, seed], or
 *   no UM dial plan is found (`noUmDialPlan` [INF]);
 * - **Auto Attendant / Subscriber Access**: the number's contact object, created by OcsUmUtil [DOC, seed]; one that
 *   is missing or was moved → `unknownTarget` (as in the support article). Its Request-URI user part is the pilot
 *   (`sip:dp1.contoso.com@contoso.com`); the pilot's first label matches too, as at Exchange;
 * - the servers: MS-EUMR "orders the UM servers of the user's dial plan (highest Exchange version only)" — the dial
 *   plan's SIP front doors (the Exchange 2013+ Call Routers, or the Exchange 2010 UM servers), in the dial plan's
 *   order [INF: the round robin of Lync 2010 is not simulated], cut to `exumServersToTry` (Lync 2010: 2 by default
 *   [3P]; later versions: every server, MS-EUMR).
 */
export function routeExumCall(topology: Topology, pool: ServerOf<"pool">, requestUri: string): ExumRouting {
  const uri = parseSipUriText(requestUri);
  if (uri === null) return { ok: false, answer: "unknownTarget", detail: `the Request-URI ${requestUri} is not a SIP URI` };
  const user = uriUser(uri) ?? "";
  const planNamed = (name: string) => topology.dialPlans.find((plan) => sameName(plan.name, name));
  const opaque = uriParam(uri, "opaque");

  if (typeof opaque === "string" && opaque.toLowerCase().startsWith("app:voicemail")) {
    const address = `${user}@${uri.host}`.toLowerCase();
    const found = topology.users.find((candidate) => candidate.sipAddress === address);
    if (found === undefined) return { ok: false, answer: "unknownTarget", detail: `no user of the topology has the SIP address ${address}` };
    if (!found.umEnabled) return { ok: false, answer: "unknownTarget", detail: `${address} is not enabled for Exchange UM: its publication has no UM settings` };
    const plan = planNamed(found.dialPlan);
    if (plan === undefined) return { ok: false, answer: "noUmDialPlan", detail: `${address}'s dial plan ${found.dialPlan} is not in the topology` };
    const servers = umServers(topology, plan);
    const exchange2010 = servers.some((fqdn) => topology.servers.find((s) => s.fqdn === fqdn)?.role === "exchange2010");
    const lyncPlan = found.lyncDialPlan ?? plan.phoneContext;
    if (exchange2010 && !sameName(lyncPlan, plan.phoneContext)) {
      return { ok: false, answer: "noUmDialPlan", detail: `${address}'s Lync dial plan "${lyncPlan}" is not the FQDN of the Exchange 2010 UM dial plan ${plan.name} (${plan.phoneContext})` };
    }
    return withServers(pool, "call-answering", plan, servers, `<sip:${address}>`, null);
  }

  // A contact object is reached at its own SIP address (KB4480742's To: sip:seaautoattendant@treyresearch.net) or, in
  // the lab, at the number's pilot form (sip:dp1.contoso.com@contoso.com, docs/protocol.md §8).
  const address = `${user}@${uri.host}`.toLowerCase();
  const byContact = (entry: { contactSipAddress?: string | undefined }) => entry.contactSipAddress === address;
  const attendant = topology.autoAttendants.find((aa) => byContact(aa) || sameName(aa.pilot, user) || sameName(aa.pilot, firstLabel(user)));
  const access = topology.subscriberAccess.find((sa) => byContact(sa) || sameName(sa.pilot, user) || sameName(firstLabel(sa.pilot), user));
  const number = attendant ?? access;
  if (number === undefined) return { ok: false, answer: "unknownTarget", detail: `no user or contact object has the SIP address ${user}@${uri.host}` };
  const what = attendant === undefined ? "Subscriber Access" : `Auto Attendant ${attendant.name}`;
  if (number.contactObject !== "created") {
    return { ok: false, answer: "unknownTarget", detail: `the contact object of ${what} (${number.pilot}) is ${number.contactObject === "missing" ? "missing (OcsUmUtil was not run)" : "moved to another pool"}` };
  }
  const plan = planNamed(number.dialPlan);
  if (plan === undefined) return { ok: false, answer: "noUmDialPlan", detail: `${what}'s dial plan ${number.dialPlan} is not in the topology` };
  // Retargeted to the pilot (docs/protocol.md §8: "the Request-URI user part is the pilot") when dialled at the contact.
  const retarget = byContact(number) ? `sip:${number.pilot}@${topology.domain}` : null;
  return withServers(pool, attendant === undefined ? "subscriber-access" : "auto-attendant", plan, umServers(topology, plan), null, retarget);
}

function withServers(pool: ServerOf<"pool">, kind: UmCallKind, plan: DialPlan, servers: readonly string[], diversion: string | null, requestUri: string | null): ExumRouting {
  if (servers.length === 0) return { ok: false, answer: "noUmDialPlan", detail: `dial plan ${plan.name} has no Call Router or Exchange 2010 UM server` };
  const count = pool.exumServersToTry ?? (pool.lyncVersion === 2010 ? 2 : servers.length);
  return { ok: true, route: { kind, dialPlan: plan, servers: servers.slice(0, count), diversion, requestUri } };
}

/** The dial plan's Call Routers and Exchange 2010 UM servers of the highest Exchange version, in the dial plan's order. */
function umServers(topology: Topology, plan: DialPlan): string[] {
  const fronts = plan.servers
    .map((fqdn) => topology.servers.find((server) => sameName(server.fqdn, fqdn)))
    .filter((server): server is ServerOf<"callRouter" | "exchange2010"> => server?.role === "callRouter" || server?.role === "exchange2010");
  const highest = Math.max(...fronts.map((server) => server.exchangeVersion));
  return fronts.filter((server) => server.exchangeVersion === highest).map((server) => server.fqdn);
}
