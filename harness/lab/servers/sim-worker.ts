import { NOT_ACCEPTABLE_REASONS, type NotAcceptableReason } from "../../sdp/answer-result.js";
import { workerPolicyForVoipSecurity } from "../../sdp/voip-security.js";
import type { ResponseSpec } from "../net/build-response.js";
import { CallAnswerer, type AnswerShape, type CallAnswerSpec } from "./call-answerer.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import { EXCHANGE_ALLOW, exchangeProduct, exchangeProductHeader, exchangeUserAgent, rejectionText } from "./exchange-answers.js";
import { eventLevelOf } from "./lab-event-ids.js";
import { msDiagnosticsPublic } from "./ms-diagnostics-header.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import type { DialPlan } from "../topology/topology-resolve.js";
import { requestDialPlan, requestUmCall } from "./request-dial-plan.js";
import { umCallPrompts } from "./um-call-prompts.js";

/** Refusals that are a security mismatch (docs/protocol.md §3), answered with behaviour.worker.incompatibleSecurity. */
const SECURITY_REFUSALS: readonly NotAcceptableReason[] = ["srtp-required-by-offer-not-supported", "srtp-required-by-answerer-not-offered", "no-common-suite"];

/**
 * The dial plan a call at the worker belongs to: what the Call Router resolved (the user's, or the pilot's through any
 * gateway's hunt groups), else the first dial plan this server is a member of. Null when there is none.
 */
function callDialPlan(request: SimRequest): DialPlan | null {
  return requestDialPlan(request) ?? request.lab.topology().dialPlans.find((candidate) => candidate.servers.includes(request.fqdn)) ?? null;
}

/**
 * The UM worker process (docs/protocol.md §1 step 4: "The peer INVITEs the worker, which answers **200 OK with SDP**;
 * ACK; media flows between peer and worker"). Its media policy is the dial plan's VoIPSecurity (docs/protocol.md §2:
 * Secured → "SRTP required"; SIPSecured/Unsecured → "SRTP not supported"; "Exchange never negotiates SRTP
 * *optionally*"), applied by `answerOffer`. An offer the policy cannot take gets docs/protocol.md §3's answer:
 * `behaviour.worker.incompatibleSecurity` (default `488 Not Acceptable Here` + `ms-diagnostics-public:
 * <code>;source="<worker fqdn>";reason="Incompatible security setting"`), event 1021.
 * The call itself (ACK, BYE, CANCEL, re-INVITE, held answers, our own BYE) is the lab's one UAS state machine,
 * CallAnswerer, with Exchange's product header. One per Mailbox / Exchange 2010 server.
 */
export class UmWorker {
  readonly #answerer: CallAnswerer;

  constructor(context: SimServerContext) {
    // docs/protocol.md §8, §10: Exchange names itself with `Server:` on responses and `User-Agent:` on its requests
    // (our BYE); its 200 OK carries the Contact features, Session-Expires and Supported of the published capture.
    const answer = () => context.behaviour().worker.answer;
    this.#answerer = new CallAnswerer(context, {
      product: () => exchangeProduct(context),
      get productHeader() {
        return context.behaviour().exchangeProduct.responseHeader;
      },
      requestProduct: () => exchangeUserAgent(context),
      allowInAnswer: false,
      contactFeatures: () => answer().contactFeatures,
      answerHeaders: () => [
        ...(answer().sessionExpires === null ? [] : [`Session-Expires: ${answer().sessionExpires}`]),
        ...(answer().supported === null ? [] : [`Supported: ${answer().supported}`]),
      ],
    });
  }

  /** Stops following the lab's calls. */
  close(): void {
    this.#answerer.close();
  }

  onRequest(request: SimRequest): void {
    const method = request.message.method.toUpperCase();
    if (method === "INVITE") this.#answerer.invite(request, this.#answerSpec(request));
    else if (this.#answerer.inCall(request)) return;
    else if (method === "OPTIONS") {
      request.respond({ status: 200, reason: "OK", headers: [...EXCHANGE_ALLOW.map((m) => `Allow: ${m}`), "Accept: application/sdp", exchangeProductHeader(request)] });
    } else request.respond({ status: 405, reason: reasonPhrase(405), headers: EXCHANGE_ALLOW.map((m) => `Allow: ${m}`) });
  }

  /** The dial plan's media policy and Exchange's refusals, each with its event 1021 (docs/protocol.md §3, §4). */
  #answerSpec(request: SimRequest): CallAnswerSpec {
    const { message } = request;
    const plan = callDialPlan(request);
    const security = plan?.voipSecurity ?? "Unsecured";
    const refuse = (status: number, reason: string, diagnostics: string, code: number, detail: string): ResponseSpec => {
      request.events.write(1021, eventLevelOf(1021), `The call from ${request.peer.address} was rejected: ${diagnostics}. ${detail}`, {
        callId: message.callId,
        status,
        dialPlan: plan?.name ?? null,
        voipSecurity: security,
        detail,
      });
      return { status, reason, headers: [msDiagnosticsPublic(code, request.fqdn, diagnostics)] };
    };
    const invalid = (detail: string) =>
      refuse(488, reasonPhrase(488), rejectionText(request.behaviour(), "InvalidRequest", detail), request.behaviour().rejections.codes.InvalidRequest, detail);
    const call = requestUmCall(request);
    return {
      ...(call.ok ? { media: umCallPrompts(call.target, request.lab.topology()) } : {}),
      policy: workerPolicyForVoipSecurity(security),
      answerShape: answerShapeOf(request.behaviour().worker.answer),
      notAcceptable: (result) => {
        const incompatible = request.behaviour().worker.incompatibleSecurity;
        const detail = `${NOT_ACCEPTABLE_REASONS[result]} (dial plan ${plan?.name ?? "none"}, VoIPSecurity ${security})`;
        if (SECURITY_REFUSALS.includes(result)) return refuse(incompatible.status, incompatible.reason, incompatible.diagnosticsReason, incompatible.diagnosticsCode, detail);
        return refuse(488, reasonPhrase(488), NOT_ACCEPTABLE_REASONS[result], incompatible.diagnosticsCode, detail);
      },
      badOffer: invalid,
      // Exchange's worker takes no late offer: an INVITE without SDP is refused like an unreadable one.
      noOffer: () => invalid("the INVITE carries no SDP offer"),
    };
  }
}

/** The worker's SDP answer shape (`behaviour.worker.answer`, docs/protocol.md §10 "Exchange Online UM 200 OK"). */
function answerShapeOf(answer: Behaviour["worker"]["answer"]): AnswerShape {
  return {
    userName: answer.sdpUserName,
    bandwidthCt: answer.bandwidthCt,
    label: answer.label,
    telephoneEventFmtp: answer.telephoneEventFmtp,
    keyLifetime: answer.keyLifetime,
  };
}
