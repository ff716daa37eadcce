import { firstLabel, sameName } from "../topology/topology-fqdn.js";
import type { ExchangeRejectionReason } from "../topology/topology-behaviour.js";
import type { DialPlan, UmIpGateway } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";
import type { UmUserSpec } from "../topology/topology-user.js";
import { nameAddrUri, parseSipUriText, uriParam, uriUser, type SipUriText } from "../../model/sip-uri-text.js";

/** What an Exchange UM call is for (docs/protocol.md §8 "Request shapes"). */
export type UmCallKind = "call-answering" | "subscriber-access" | "auto-attendant";

export interface UmCallTarget {
  readonly kind: UmCallKind;
  readonly dialPlan: DialPlan;
  /** The mailbox's user (call answering), else null. */
  readonly user: UmUserSpec | null;
  /** Where the call goes: the user's Mailbox server, or the organisation mailbox's (AA, Subscriber Access). */
  readonly mailboxServer: string;
}

export type UmCallResolution =
  | { readonly ok: true; readonly target: UmCallTarget }
  | {
      readonly ok: false;
      readonly reason: ExchangeRejectionReason;
      readonly detail: string;
      readonly dialPlan?: DialPlan;
      /** The Diversion named a user or extension that is not in the dial plan (docs/protocol.md §10: event 1109). */
      readonly invalidDiversion?: true;
    };

export interface UmCallInput {
  readonly topology: Topology;
  /** The Request-URI as written. */
  readonly requestUri: string;
  /** The first Diversion header value, or the first History-Info entry, when the request had one. */
  readonly diversion: string | null;
  /** The UM IP gateway the call came from: its hunt groups decide the dial plan; null = every gateway's. */
  readonly gateway: UmIpGateway | null;
}

/**
 * Finds what a call is for, as Exchange UM does before it routes it (docs/protocol.md §5, §8):
 * - **Call answering** (voice mail from the pool): "Request-URI is the user's voice-mail form
 *   (`sip:user@domain;opaque=app:voicemail`) …; Call answering must carry a diversion" — the user is the
 *   Request-URI's, the dial plan the user's; no Diversion (nor History-Info) → `InvalidDiversionFormat` [INF].
 * - **Auto Attendant / Subscriber Access**: "the Request-URI user part is the **pilot**; it is matched against the
 *   hunt group pilot identifier, which ExchUcUtil sets to the dial plan PhoneContext's first label" — an auto
 *   attendant's or Subscriber Access number's own pilot is matched first, then the hunt groups' pilots (the user
 *   part, or its first label: `sip:sipdp.contoso.com@contoso.com` reaches pilot `sipdp`). A pilot call with a
 *   Diversion is call answering for the diverted user (how gateways deliver it); "Subscriber Access must not carry
 *   a diversion".
 * - The dial plan must be reachable through the gateway's hunt groups (`DialPlanNotFound`); a user that does not
 *   exist is `CouldNotFindUserBySipUri`, one not UM-enabled `MailboxIsNotUMEnabled` (docs/protocol.md §4 names).
 */
export function resolveUmCall(input: UmCallInput): UmCallResolution {
  const { topology } = input;
  const uri = parseSipUriText(input.requestUri);
  if (uri === null) return { ok: false, reason: "InvalidRequest", detail: `the Request-URI ${input.requestUri} is not a SIP URI` };
  const huntGroups = (input.gateway === null ? topology.umIpGateways : [input.gateway]).flatMap((gateway) => gateway.huntGroups);
  const reachable = (plan: DialPlan) => huntGroups.some((group) => sameName(group.dialPlan, plan.name));
  const planNamed = (name: string) => topology.dialPlans.find((plan) => sameName(plan.name, name));
  const user = uriUser(uri) ?? "";

  const opaque = uriParam(uri, "opaque");
  if (typeof opaque === "string" && opaque.toLowerCase().startsWith("app:voicemail")) {
    const found = findUser(topology, uri, null);
    if (found === undefined) return { ok: false, reason: "CouldNotFindUserBySipUri", detail: `no UM-enabled user has the SIP address of ${input.requestUri}` };
    const plan = planNamed(found.dialPlan);
    if (plan === undefined || !reachable(plan)) {
      return { ok: false, reason: "DialPlanNotFound", detail: `no hunt group of the calling gateway reaches ${found.sipAddress}'s dial plan ${found.dialPlan}` };
    }
    if (input.diversion === null) {
      return { ok: false, reason: "InvalidDiversionFormat", detail: "a call answering (voice mail) call carries no Diversion or History-Info", dialPlan: plan };
    }
    return userCall(found, plan);
  }

  const attendant = topology.autoAttendants.find((aa) => aa.status === "Enabled" && sameName(aa.pilot, user));
  if (attendant !== undefined) {
    const plan = planNamed(attendant.dialPlan);
    if (plan === undefined || !reachable(plan)) return { ok: false, reason: "DialPlanNotFound", detail: `no hunt group reaches the auto attendant's dial plan ${attendant.dialPlan}` };
    return { ok: true, target: { kind: "auto-attendant", dialPlan: plan, user: null, mailboxServer: attendant.mailboxServer } };
  }

  const access = topology.subscriberAccess.find((entry) => sameName(entry.pilot, user));
  const group =
    huntGroups.find((entry) => sameName(entry.pilot, user)) ??
    huntGroups.find((entry) => sameName(entry.pilot, firstLabel(user))) ??
    (access === undefined ? undefined : huntGroups.find((entry) => sameName(entry.dialPlan, access.dialPlan)));
  const plan = group === undefined ? undefined : planNamed(group.dialPlan);
  if (plan === undefined) {
    return { ok: false, reason: "DialPlanNotFound", detail: `"${user}" is no pilot identifier of a hunt group${input.gateway === null ? "" : ` of UM IP gateway ${input.gateway.name}`}` };
  }
  if (input.diversion !== null) {
    const diverted = parseSipUriText(nameAddrUri(input.diversion) ?? "");
    const found = diverted === null ? undefined : findUser(topology, diverted, plan);
    if (found === undefined) {
      return { ok: false, reason: "CouldNotFindUserBySipUri", detail: `the diverting party ${input.diversion} is no UM-enabled user of ${plan.name}`, dialPlan: plan, invalidDiversion: true };
    }
    return userCall(found, plan);
  }
  const entry = access ?? topology.subscriberAccess.find((candidate) => sameName(candidate.dialPlan, plan.name));
  const mailboxServer = entry?.mailboxServer ?? plan.servers.find((fqdn) => topology.servers.some((s) => s.fqdn === fqdn && (s.role === "mailbox" || s.role === "exchange2010"))) ?? "";
  return { ok: true, target: { kind: "subscriber-access", dialPlan: plan, user: null, mailboxServer } };
}

function userCall(user: UmUserSpec, plan: DialPlan): UmCallResolution {
  if (!user.umEnabled) return { ok: false, reason: "MailboxIsNotUMEnabled", detail: `${user.sipAddress} is not UM-enabled`, dialPlan: plan };
  return { ok: true, target: { kind: "call-answering", dialPlan: plan, user, mailboxServer: user.mailboxServer } };
}

/** A user by SIP address (`user@host`, or `user@<lab domain>`), or by extension within `plan`. */
function findUser(topology: Topology, uri: SipUriText, plan: DialPlan | null): UmUserSpec | undefined {
  const user = (uriUser(uri) ?? "").toLowerCase();
  const host = uri.host.toLowerCase();
  const digits = user.replace(/^\+/, "");
  return (
    topology.users.find((u) => u.sipAddress === `${user}@${host}`) ??
    topology.users.find((u) => u.sipAddress === `${user}@${topology.domain}`) ??
    topology.users.find((u) => (plan === null || sameName(u.dialPlan, plan.name)) && u.extension === digits)
  );
}

/** The diversion evidence of a request: its first Diversion value, else its first History-Info entry. */
export function diversionOf(getHeader: (name: string) => string | undefined): string | null {
  const diversion = getHeader("diversion");
  if (diversion !== undefined && diversion.trim() !== "") return diversion.split(",")[0]?.trim() ?? diversion;
  const history = getHeader("history-info");
  if (history !== undefined && history.trim() !== "") return history.split(",")[0]?.trim() ?? history;
  return null;
}
