import { randomHex } from "../net/random-hex.js";
import { answerOffer, type AnswerOptions } from "../../sdp/answer-offer.js";
import type { NotAcceptableReason } from "../../sdp/answer-result.js";
import { buildOffer } from "../../sdp/build-offer.js";
import type { MediaPolicy } from "../../sdp/media-policy.js";
import { buildInDialogRequest } from "./build-request.js";
import type { ResponseSpec } from "../net/build-response.js";
import type { CallRecord } from "./call-store.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import { MediaSession } from "../../media/media-session.js";
import { planFromSdp } from "../../media/plan-from-sdp.js";
import { KNOWN_TONES, SIGNAL_NOTES, signalPcm } from "../../media/test-signals.js";
import { parseSessionDescription } from "../../sdp/parse-session-description.js";
import { mediaFaultsOf, sdpInRinging } from "./server-policy.js";
import { LAB_EVENT_IDS, eventLevelOf } from "./lab-event-ids.js";
import { mediaSentence } from "../../model/media-sentence.js";

/** Calls that lasted less than this get no media event: as on the client, too short for the counts to mean anything. */
const MIN_JUDGED_MS = 1000;

/** The methods a call-answering simulated server takes (RFC 3261 §8.2.1: sent in `Allow`). */
export const CALL_ALLOW = "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS";

/** What happened to one INVITE (for tests, events and logs). */
export type CallOutcome =
  | { readonly kind: "answered"; readonly callId: string; readonly media: "srtp" | "rtp" | "offer-in-answer"; readonly policy: MediaPolicy }
  | { readonly kind: "refused"; readonly callId: string; readonly reason: NotAcceptableReason | "bad-sdp"; readonly policy: MediaPolicy }
  | { readonly kind: "cancelled"; readonly callId: string };

/** How one INVITE is answered: decided per request by the role (a role may write its events in these). */
export interface CallAnswerSpec {
  /** The media policy of the leg the INVITE arrived on (from SRTPMode, EncryptionLevel or VoIPSecurity). */
  readonly policy: MediaPolicy;
  /** The refusal sent when `answerOffer` cannot take the offer (488 + ms-diagnostics by default). */
  notAcceptable(reason: NotAcceptableReason): ResponseSpec;
  /** The refusal of a body that is not SDP; default `400` with a Warning. */
  badOffer?(detail: string): ResponseSpec;
  /** The refusal of an INVITE without SDP; absent, it is a late offer and our offer goes in the 200 (RFC 3264 §4). */
  noOffer?(): ResponseSpec;
  /** What the call plays and how it reacts to the caller's digits (docs/media.md §8); default: the greeting. */
  readonly media?: CallMediaSpec;
  /** How the SDP answer is written beyond offer/answer (the worker's capture-shaped lines); default: answerOffer's. */
  readonly answerShape?: AnswerShape;
}

/** The parts of {@link AnswerOptions} that shape an answer's text, not its outcome. */
export type AnswerShape = Pick<AnswerOptions, "keyLifetime" | "bandwidthCt" | "label" | "telephoneEventFmtp" | "userName">;

/** A call's prompts: the first signal, and what a digit string received so far changes. */
export interface CallMediaSpec {
  /** What is played from the answer on (looped). */
  readonly signal: Int16Array;
  /** Called each time the caller's digits grow; returns the signal to play from now on, or null to keep playing. */
  onDigits?(digits: string): Int16Array | null;
  /** Written in the call's media event: what the prompts made of the digits (e.g. "logon accepted"). */
  outcome?(): string | null;
}

export interface CallAnswererOptions {
  /**
   * The product string (`RTCC/7.0.0.0 MediationServer`): `Server:` on every response, `User-Agent:` on the BYE we
   * send (RFC 3261 §20.35, §20.41).
   */
  product(): string;
  /**
   * The header that names the product on every response: `Server` (Lync, the default) or `User-Agent` (Exchange UM
   * writes `User-Agent: MSExchangeUM/<version>` on its answers, docs/protocol.md §8).
   */
  readonly productHeader?: "Server" | "User-Agent";
  /** Whether the 200 OK carries `Allow` (default true; Exchange's worker sends none). */
  readonly allowInAnswer?: boolean;
  /** The `User-Agent:` of the BYE we send; default {@link product} (Exchange names itself differently on requests). */
  requestProduct?(): string;
  /** Feature parameters written after our Contact's URI (`automata;text;…`), none when null; default none. */
  contactFeatures?(): string | null;
  /** Extra headers of our 200 OK (`Session-Expires`, `Supported`); default none. */
  answerHeaders?(): string[];
  onOutcome?(outcome: CallOutcome, request: SimRequest): void;
}

/** An INVITE whose final answer is held (`callTiming().answerAfterMs`). */
interface PendingInvite {
  readonly invite: SimRequest;
  readonly call: CallRecord;
  readonly cancelTimer: () => void;
}

/**
 * The lab's one user agent server call state machine, shared by the UM worker, the Mediation Server and the gateway:
 * it answers calls itself (RFC 3261 §13.3, RFC 3264) and keeps them in the lab's call store.
 * - INVITE: `100 Trying`; the offer decided by `answerOffer` with the leg's policy: `200 OK` with the SDP answer, or
 *   the role's refusal (with `bad-sdp`: `400` when the body is not SDP). No body is a late offer: our offer goes in
 *   the 200 (RFC 3264 §4). With `callTiming().answerAfterMs` the 200 follows a `180 Ringing` that long after.
 *   A retransmitted INVITE is absorbed; a re-INVITE in a call we hold gets the same answer, 481 for another dialog.
 * - ACK confirms (RFC 3261 §13.3.1.4); with `callTiming().byeAfterMs` we then send BYE ourselves.
 * - BYE: 200, or `481 Call/Transaction Does Not Exist` for a dialog we do not hold (§15.1.2).
 * - CANCEL (§9.2): 200; a held INVITE gets `487 Request Terminated`; none matching: 481.
 */
export class CallAnswerer {
  readonly #options: CallAnswererOptions;
  readonly #pending = new Map<string, PendingInvite>();
  readonly #answers = new Map<string, string>();
  /** Each call's media session, from the INVITE until the call ends. */
  readonly #media = new Map<string, { session: MediaSession; spec: CallMediaSpec | undefined; request: SimRequest; call: CallRecord }>();
  /** INVITEs whose media ports are being bound (a retransmission meanwhile is absorbed). */
  readonly #opening = new Set<string>();
  readonly #unsubscribe: () => void;

  constructor(context: SimServerContext, options: CallAnswererOptions) {
    this.#options = options;
    this.#unsubscribe = context.calls.subscribe((call) => {
      if (call.state === "ended" && call.server === context.fqdn) {
        this.#endMedia(call.callId);
        this.#answers.delete(call.callId);
        this.#pending.get(call.callId)?.cancelTimer();
        this.#pending.delete(call.callId);
      }
    });
  }

  close(): void {
    this.#unsubscribe();
    for (const callId of [...this.#media.keys()]) this.#endMedia(callId);
  }

  /** Stops a call's media and writes what it measured to the server's event log (docs/media.md §8). */
  #endMedia(callId: string): void {
    const entry = this.#media.get(callId);
    if (entry === undefined) return;
    this.#media.delete(callId);
    void entry.session.stop().then((evidence) => {
      if (evidence === null) return;
      entry.call.mediaEvidence = evidence;
      // A call shorter than the client's shortest measured hold carries no media judgement (docs/media.md §6).
      if (evidence.durationMs < MIN_JUDGED_MS) return;
      const outcome = entry.spec?.outcome?.() ?? null;
      const id = LAB_EVENT_IDS.labCallMedia;
      entry.request.events.write(id, eventLevelOf(id), `Media of call ${callId}: ${mediaSentence(evidence)}${outcome === null ? "" : `; ${outcome}`}`, {
        callId,
        protection: evidence.protection,
        sent: evidence.sent.packets,
        received: evidence.received.packets,
        authenticated: evidence.received.authenticated,
        digitsReceived: evidence.received.dtmf,
        verdict: evidence.verdict,
        failure: evidence.failure?.code ?? null,
        outcome,
      });
    });
  }

  /** Answers an INVITE (see the class comment); binds the call's media ports first, so the SDP names a real port. */
  invite(request: SimRequest, spec: CallAnswerSpec): void {
    const callId = request.message.callId;
    const fresh = (request.message.toTag === undefined || request.message.toTag === "") && request.calls.get(request.fqdn, callId) === undefined;
    if (!fresh) {
      this.#invite(request, spec, null);
      return;
    }
    if (this.#opening.has(callId)) return;
    if (!this.#wouldAnswer(request, spec)) {
      // Refused offers are answered at once, in the order they came (nothing to bind ports for).
      this.#invite(request, spec, null);
      return;
    }
    this.#opening.add(callId);
    MediaSession.open(request.address).then(
      (session) => {
        this.#opening.delete(callId);
        this.#invite(request, spec, session);
      },
      () => {
        this.#opening.delete(callId);
        this.#invite(request, spec, null);
      },
    );
  }

  /** Whether the INVITE's offer would be answered with 200 (so its media ports are worth binding first). */
  #wouldAnswer(request: SimRequest, spec: CallAnswerSpec): boolean {
    const body = request.message.body;
    if (body.trim() === "") return spec.noOffer === undefined;
    try {
      return answerOffer(body, { ...spec.answerShape, policy: spec.policy, address: request.address, port: 9 }).kind === "answer";
    } catch {
      return false;
    }
  }

  #invite(request: SimRequest, spec: CallAnswerSpec, session: MediaSession | null): void {
    const { message } = request;
    const headers = this.#headers();
    const existing = request.calls.get(request.fqdn, message.callId);
    if (message.toTag !== undefined && message.toTag !== "") {
      const answer = this.#answers.get(message.callId);
      if (existing === undefined || answer === undefined || existing.localTag !== message.toTag) {
        request.respond({ status: 481, reason: reasonPhrase(481), headers });
      } else {
        request.respond({ status: 200, reason: "OK", toTag: existing.localTag, headers: this.#answerHeaders(request), body: answer });
      }
      return;
    }
    if (existing !== undefined) {
      void session?.stop();
      return; // a retransmission: the answer is on its way
    }
    request.respond({ status: 100, reason: reasonPhrase(100), headers });
    // A port for the SDP: the call's media session, or (when no port pair could be bound) the discard port.
    const mediaPort = session?.local.port ?? 9;
    const outcome = (value: CallOutcome) => this.#options.onOutcome?.(value, request);
    const refuse = (response: ResponseSpec, reason: NotAcceptableReason | "bad-sdp") => {
      void session?.stop();
      request.respond({ ...response, headers: [...headers, ...(response.headers ?? [])] });
      outcome({ kind: "refused", callId: message.callId, reason, policy: spec.policy });
    };
    let sdp: string;
    let media: "srtp" | "rtp" | "offer-in-answer";
    const noOffer = message.body.trim() === "" ? spec.noOffer?.() : undefined;
    if (noOffer !== undefined) {
      refuse(noOffer, "bad-sdp");
      return;
    }
    if (message.body.trim() === "") {
      sdp = buildOffer({ policy: spec.policy, address: request.address, port: mediaPort }).sdp;
      media = "offer-in-answer";
    } else {
      let result: ReturnType<typeof answerOffer>;
      try {
        result = answerOffer(message.body, { ...spec.answerShape, policy: spec.policy, address: request.address, port: mediaPort });
      } catch (error) {
        const detail = (error as Error).message;
        refuse(spec.badOffer?.(detail) ?? { status: 400, reason: reasonPhrase(400), headers: ['Warning: 399 - "the offer is not SDP"'] }, "bad-sdp");
        return;
      }
      if (result.kind === "not-acceptable") {
        refuse(spec.notAcceptable(result.reason), result.reason);
        return;
      }
      sdp = result.sdp;
      media = result.media;
    }
    const call = request.calls.add({
      callId: message.callId,
      server: request.fqdn,
      listener: request.listener.name,
      invite: message,
      localTag: randomHex(6),
      socket: request.request.socket,
    });
    if (session !== null) this.#media.set(message.callId, { session, spec: spec.media, request, call });
    const answer = () => {
      this.#pending.delete(message.callId);
      if (call.state === "ended") return;
      this.#answers.set(message.callId, sdp);
      request.respond({ status: 200, reason: "OK", toTag: call.localTag, headers: this.#answerHeaders(request), body: sdp });
      if (session !== null && media !== "offer-in-answer") this.#startMedia(request, session, spec.media, message.body, sdp);
      request.calls.update(call, "answered", media === "offer-in-answer" ? undefined : media);
      outcome({ kind: "answered", callId: message.callId, media, policy: spec.policy });
    };
    // An `sdp-in-ringing` fault: a 180 Ringing carrying the answer before the 200 (docs/protocol.md §10 "Field failures":
    // "SDP in a 180 Ringing breaking UCMA (no audio)"), RFC 3261 §13.3.1.1 lets a provisional response carry a body.
    if (sdpInRinging(request.server(), request.listener.name) && media !== "offer-in-answer") {
      request.respond({ status: 180, reason: reasonPhrase(180), toTag: call.localTag, headers, body: sdp });
    }
    const holdMs = request.callTiming().answerAfterMs;
    if (holdMs <= 0) {
      answer();
      return;
    }
    request.respond({ status: 180, reason: reasonPhrase(180), toTag: call.localTag, headers });
    this.#pending.set(message.callId, { invite: request, call, cancelTimer: request.schedule(holdMs, answer) });
  }

  /**
   * Handles the requests that belong to a call already offered (ACK, BYE, CANCEL); returns false for any other
   * method so the caller answers it.
   */
  inCall(request: SimRequest): boolean {
    switch (request.message.method) {
      case "ACK":
        this.ack(request);
        return true;
      case "BYE":
        this.bye(request);
        return true;
      case "CANCEL":
        this.cancel(request);
        return true;
      default:
        return false;
    }
  }

  ack(request: SimRequest): void {
    const call = request.calls.get(request.fqdn, request.message.callId);
    if (call === undefined || call.state !== "answered") return; // unknown, or the ACK of a non-2xx final
    request.calls.update(call, "confirmed");
    const byeAfterMs = request.callTiming().byeAfterMs;
    if (byeAfterMs === null) return;
    request.schedule(byeAfterMs, () => {
      if (call.state === "ended") return;
      request.send(buildInDialogRequest(call, { method: "BYE", host: request.fqdn, transport: request.listener.transport, userAgent: this.#options.requestProduct?.() ?? this.#options.product() }));
      request.calls.end(call, "server-bye");
    });
  }

  bye(request: SimRequest): void {
    const headers = this.#headers();
    const call = request.calls.get(request.fqdn, request.message.callId);
    if (call === undefined) {
      request.respond({ status: 481, reason: reasonPhrase(481), headers });
      return;
    }
    request.respond({ status: 200, reason: "OK", headers });
    request.calls.end(call, "peer-bye");
  }

  cancel(request: SimRequest): void {
    const headers = this.#headers();
    const callId = request.message.callId;
    const pending = this.#pending.get(callId);
    if (pending === undefined) {
      const known = request.calls.get(request.fqdn, callId) !== undefined;
      request.respond({ status: known ? 200 : 481, reason: reasonPhrase(known ? 200 : 481), headers });
      return;
    }
    // RFC 3261 §9.2: "the UAS … SHOULD respond to the INVITE with a 487 (Request Terminated)" and the CANCEL with 200.
    pending.cancelTimer();
    this.#pending.delete(callId);
    request.respond({ status: 200, reason: "OK", toTag: pending.call.localTag, headers });
    pending.invite.respond({ status: 487, reason: reasonPhrase(487), toTag: pending.call.localTag, headers });
    request.calls.end(pending.call, "cancel");
    this.#options.onOutcome?.({ kind: "cancelled", callId }, request);
  }

  /**
   * The answerer's media from the 200 OK on (docs/media.md §8): the plan from the offer and our answer, the role's
   * prompt, the server's media fault, the caller's digits handed to the prompts.
   */
  #startMedia(request: SimRequest, session: MediaSession, spec: CallMediaSpec | undefined, offerText: string, answerText: string): void {
    const plan = planFromSdp({
      offer: parseSessionDescription(offerText),
      answer: parseSessionDescription(answerText),
      side: "answerer",
      signal: spec?.signal ?? signalPcm(SIGNAL_NOTES.greeting),
      candidateTones: KNOWN_TONES,
      faults: mediaFaultsOf(request.server(), request.listener.name),
    });
    if ("problem" in plan) return;
    if (spec?.onDigits !== undefined) {
      session.onDigit = (digits) => {
        const next = spec.onDigits?.(digits) ?? null;
        if (next !== null) session.play(next);
      };
    }
    session.start(plan);
  }

  #headers(): string[] {
    return [`${this.#options.productHeader ?? "Server"}: ${this.#options.product()}`];
  }

  /** The headers of our 200 OK: the product, our Contact, the role's extras and (unless the role sends none) Allow. */
  #answerHeaders(request: SimRequest): string[] {
    return [...this.#headers(), this.#contact(request), ...(this.#options.answerHeaders?.() ?? []), ...(this.#options.allowInAnswer === false ? [] : [CALL_ALLOW])];
  }

  /** Our Contact: this server at the listener the INVITE came on, with the role's feature parameters (RFC 3840). */
  #contact(request: SimRequest): string {
    const features = this.#options.contactFeatures?.() ?? null;
    return `Contact: <sip:${request.fqdn}:${request.listener.port};transport=${request.listener.transport}>${features === null || features === "" ? "" : `;${features}`}`;
  }
}
