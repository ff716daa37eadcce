import { randomBytes } from "node:crypto";
import { answerOffer } from "../../sdp/answer-offer.js";
import { NOT_ACCEPTABLE_REASONS, type AnswerResult, type NotAcceptableReason } from "../../sdp/answer-result.js";
import { workerPolicyForVoipSecurity } from "../../sdp/voip-security.js";
import { buildInDialogRequest } from "./build-request.js";
import type { CallRecord } from "./call-store.js";
import { EXCHANGE_ALLOW, exchangeUserAgent } from "./exchange-answers.js";
import { eventLevelOf } from "./lab-event-ids.js";
import { msDiagnosticsPublic } from "./ms-diagnostics-header.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import { rawRequestUri } from "../../model/sip-uri-text.js";
import type { DialPlan } from "../topology/topology-resolve.js";
import { diversionOf, resolveUmCall } from "./um-call-target.js";

/** Refusals that are a security mismatch (docs/protocol.md §3), answered with behaviour.worker.incompatibleSecurity. */
const SECURITY_REFUSALS: readonly NotAcceptableReason[] = ["srtp-required-by-offer-not-supported", "srtp-required-by-answerer-not-offered", "no-common-suite"];

/** An INVITE whose final answer is held (`callTiming().answerAfterMs`). */
interface PendingInvite {
  readonly invite: SimRequest;
  readonly call: CallRecord;
  readonly cancelTimer: () => void;
}

/**
 * The dial plan a call at the worker belongs to: what the Call Router resolved (the user's, or the pilot's through any
 * gateway's hunt groups), else the first dial plan this server is a member of. Null when there is none.
 */
function callDialPlan(request: SimRequest): DialPlan | null {
  const topology = request.lab.topology();
  const resolution = resolveUmCall({
    topology,
    requestUri: rawRequestUri(request.request.raw),
    diversion: diversionOf((name) => request.message.getHeader(name)),
    gateway: null,
  });
  const plan = resolution.ok ? resolution.target.dialPlan : resolution.dialPlan;
  return plan ?? topology.dialPlans.find((candidate) => candidate.servers.includes(request.fqdn)) ?? null;
}

/**
 * The UM worker process (docs/protocol.md §1 step 4: "The peer INVITEs the worker, which answers **200 OK with SDP**;
 * ACK; media flows between peer and worker"). Its media policy is the dial plan's VoIPSecurity (docs/protocol.md §2:
 * Secured → "SRTP required"; SIPSecured/Unsecured → "SRTP not supported"; "Exchange never negotiates SRTP
 * *optionally*"), applied by `answerOffer`. An offer the policy cannot take gets docs/protocol.md §3's answer:
 * `behaviour.worker.incompatibleSecurity` (default `488 Not Acceptable Here` + `ms-diagnostics-public:
 * <code>;source="<worker fqdn>";reason="Incompatible security setting"`), event 1021.
 * ACK confirms, BYE ends (200), CANCEL before the answer gets 200 and the INVITE 487 (RFC 3261 §9.2); the worker
 * itself sends BYE `callTiming().byeAfterMs` after the ACK when set. One per Mailbox / Exchange 2010 server.
 */
export class UmWorker {
  readonly #pending = new Map<string, PendingInvite>();
  readonly #answers = new Map<string, string>();
  #mediaPort = 20_000 + 2 * Math.floor(Math.random() * 10_000);
  readonly #unsubscribe: () => void;

  constructor(context: SimServerContext) {
    this.#unsubscribe = context.calls.subscribe((call) => {
      if (call.state === "ended" && call.server === context.fqdn) {
        this.#answers.delete(call.callId);
        this.#pending.get(call.callId)?.cancelTimer();
        this.#pending.delete(call.callId);
      }
    });
  }

  /** Stops following the lab's calls. */
  close(): void {
    this.#unsubscribe();
  }

  onRequest(request: SimRequest): void {
    switch (request.message.method.toUpperCase()) {
      case "INVITE":
        this.#invite(request);
        return;
      case "ACK":
        this.#ack(request);
        return;
      case "BYE":
        this.#bye(request);
        return;
      case "CANCEL":
        this.#cancel(request);
        return;
      case "OPTIONS":
        request.respond({ status: 200, reason: "OK", headers: [...EXCHANGE_ALLOW.map((m) => `Allow: ${m}`), "Accept: application/sdp", `User-Agent: ${exchangeUserAgent(request)}`] });
        return;
      default:
        request.respond({ status: 405, reason: reasonPhrase(405), headers: EXCHANGE_ALLOW.map((m) => `Allow: ${m}`) });
    }
  }

  #invite(request: SimRequest): void {
    const { message } = request;
    const existing = request.calls.get(request.fqdn, message.callId);
    if (message.toTag !== undefined) {
      // A re-INVITE in a call we hold: the same answer again (a session refresh); otherwise no such dialog.
      const answer = this.#answers.get(message.callId);
      if (existing === undefined || answer === undefined || existing.localTag !== message.toTag) request.respond({ status: 481, reason: reasonPhrase(481) });
      else request.respond({ status: 200, reason: "OK", toTag: existing.localTag, headers: this.#contact(request), body: answer });
      return;
    }
    if (existing !== undefined) return; // a retransmission: the answer is on its way
    request.respond({ status: 100, reason: "Trying" });
    const plan = callDialPlan(request);
    const security = plan?.voipSecurity ?? "Unsecured";
    const policy = workerPolicyForVoipSecurity(security);
    const refuse = (status: number, reason: string, diagnostics: string, code: number, detail: string) => {
      request.respond({ status, reason, headers: [msDiagnosticsPublic(code, request.fqdn, diagnostics), `User-Agent: ${exchangeUserAgent(request)}`] });
      request.events.write(1021, eventLevelOf(1021), `The call from ${request.peer.address} was rejected: ${diagnostics}. ${detail}`, {
        callId: message.callId,
        status,
        dialPlan: plan?.name ?? null,
        voipSecurity: security,
        detail,
      });
    };
    let result: AnswerResult;
    try {
      if (message.body.trim() === "") throw new Error("the INVITE carries no SDP offer");
      this.#mediaPort = this.#mediaPort >= 59_998 ? 20_000 : this.#mediaPort + 2;
      result = answerOffer(message.body, { policy, address: request.address, port: this.#mediaPort });
    } catch (error) {
      refuse(488, reasonPhrase(488), "InvalidRequest", request.behaviour().rejections.codes.InvalidRequest, (error as Error).message);
      return;
    }
    if (result.kind === "not-acceptable") {
      const incompatible = request.behaviour().worker.incompatibleSecurity;
      const detail = `${NOT_ACCEPTABLE_REASONS[result.reason]} (dial plan ${plan?.name ?? "none"}, VoIPSecurity ${security})`;
      if (SECURITY_REFUSALS.includes(result.reason)) refuse(incompatible.status, incompatible.reason, incompatible.diagnosticsReason, incompatible.diagnosticsCode, detail);
      else refuse(488, reasonPhrase(488), NOT_ACCEPTABLE_REASONS[result.reason], incompatible.diagnosticsCode, detail);
      return;
    }
    const call = request.calls.add({
      callId: message.callId,
      server: request.fqdn,
      listener: request.listener.name,
      invite: message,
      localTag: randomBytes(6).toString("hex"),
      socket: request.request.socket,
    });
    const sdp = result.sdp;
    const media = result.media;
    const answer = () => {
      this.#pending.delete(message.callId);
      if (call.state === "ended") return;
      this.#answers.set(message.callId, sdp);
      request.respond({ status: 200, reason: "OK", toTag: call.localTag, headers: this.#contact(request), body: sdp });
      request.calls.update(call, "answered", media);
    };
    const holdMs = request.callTiming().answerAfterMs;
    if (holdMs <= 0) {
      answer();
      return;
    }
    request.respond({ status: 180, reason: reasonPhrase(180), toTag: call.localTag });
    this.#pending.set(message.callId, { invite: request, call, cancelTimer: request.schedule(holdMs, answer) });
  }

  #ack(request: SimRequest): void {
    const call = request.calls.get(request.fqdn, request.message.callId);
    if (call === undefined || call.state === "ended") return;
    if (call.state !== "answered") return; // the ACK of a non-2xx final, absorbed
    request.calls.update(call, "confirmed");
    const byeAfterMs = request.callTiming().byeAfterMs;
    if (byeAfterMs === null) return;
    request.schedule(byeAfterMs, () => {
      if (call.state === "ended") return;
      request.send(buildInDialogRequest(call, { method: "BYE", host: request.fqdn, transport: request.listener.transport, userAgent: exchangeUserAgent(request) }));
      request.calls.end(call, "server-bye");
      this.#answers.delete(call.callId);
    });
  }

  #bye(request: SimRequest): void {
    const call = request.calls.get(request.fqdn, request.message.callId);
    if (call === undefined) {
      request.respond({ status: 481, reason: reasonPhrase(481) });
      return;
    }
    request.respond({ status: 200, reason: "OK" });
    this.#pending.get(call.callId)?.cancelTimer();
    this.#pending.delete(call.callId);
    this.#answers.delete(call.callId);
    request.calls.end(call, "peer-bye");
  }

  #cancel(request: SimRequest): void {
    const pending = this.#pending.get(request.message.callId);
    const call = request.calls.get(request.fqdn, request.message.callId);
    if (pending === undefined) {
      request.respond({ status: call === undefined ? 481 : 200, reason: reasonPhrase(call === undefined ? 481 : 200) });
      return;
    }
    // RFC 3261 §9.2: "the UAS … SHOULD respond to the INVITE with a 487 (Request Terminated)" and the CANCEL with 200.
    pending.cancelTimer();
    this.#pending.delete(request.message.callId);
    request.respond({ status: 200, reason: "OK", toTag: pending.call.localTag });
    pending.invite.respond({ status: 487, reason: reasonPhrase(487), toTag: pending.call.localTag });
    request.calls.end(pending.call, "cancel");
  }

  #contact(request: SimRequest): string[] {
    return [`Contact: <sip:${request.fqdn}:${request.listener.port};transport=${request.listener.transport}>`, `User-Agent: ${exchangeUserAgent(request)}`];
  }
}
