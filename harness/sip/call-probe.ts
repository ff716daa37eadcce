import { performance } from "node:perf_hooks";
import type { Socket } from "node:net";
import { stopwatch } from "../model/clock.js";
import type { Session, URI } from "sip.js";
import { Inviter, SessionState, UserAgent } from "./sipjs.js";
import { buildFaxOffer } from "../sdp/build-fax-offer.js";
import { buildOffer } from "../sdp/build-offer.js";
import type { CallOffer } from "../model/call-offer.js";
import { classifyMedia } from "../sdp/classify-media.js";
import { exchangeSecurityMode } from "../sdp/exchange-security-mode.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import { parseSessionDescription } from "../sdp/parse-session-description.js";
import { delay, untilClosed, type AgentLink } from "./agent-link.js";
import { fromAddress } from "./from-address.js";
import { MediaSession } from "../media/media-session.js";
import type { DtmfPlan } from "../media/media-plan.js";
import type { MediaEvidence } from "../model/media-evidence.js";
import { MIN_MEDIA_HOLD_MS, startCallMedia } from "./call-media.js";
import { MessageTrace } from "./message-trace.js";
import { failure, type ProbeFailure } from "../model/probe-failure.js";
import { withProbeDefaults, type ProbeOptions, type ProbeSettings } from "./probe-options.js";
import type { CallProbeResult, Hop, Negotiated } from "../model/probe-result.js";
import { parseRedirectContacts } from "./redirect-contact.js";
import { rejectionFailure } from "./rejection-failure.js";
import { releaseLink, runHop, type HopRun } from "./run-hop.js";
import { targetConnectionKey } from "./connection-key.js";
import { parseSipTarget, type SipTarget } from "./sip-target.js";
import type { SdpExchange } from "./text-session-description-handler.js";
import type { ProbeWarningCode } from "../model/probe-warning.js";

export interface CallProbeOptions extends ProbeOptions {
  /** What our offer asks for: from a Lync EncryptionLevel or a trunk SRTPMode. */
  policy: MediaPolicy;
  /** How long to keep an answered call up before BYE. @defaultValue 0 */
  holdMs?: number;
  /** Redirects followed at most. @defaultValue 5 */
  maxRedirects?: number;
  /** Extra headers on every INVITE (e.g. `Diversion:` for call answering: docs/protocol.md §8). */
  extraHeaders?: string[];
  /**
   * Follow a redirect from a TLS hop to a TCP target. Off, such a 3xx ends the call with `redirect-downgrade` and
   * nothing is sent over TCP (RFC 4568 §8.3: SDES keys travel only over a secure hop). @defaultValue false
   */
  allowDowngrade?: boolean;
  /** Offer the SRTP line with an MKI (Lync's tag 1) besides the one without. @defaultValue true */
  srtpMki?: boolean;
  /** RFC 4733 digits to send during the hold, and when (ms after the answer). */
  dtmf?: DtmfPlan | null;
  /** Audio (by `policy`) or fax (T.38 only: docs/protocol.md §8). @defaultValue "audio" */
  offer?: CallOffer;
}

/** The statuses that refuse a fax offer's media: 415 Unsupported Media Type, 488 Not Acceptable Here, 606 (RFC 3261 §21). */
const FAX_REFUSALS: readonly number[] = [415, 488, 606];

/** The defaults of {@link CallProbeOptions} beyond PROBE_DEFAULTS (probe-options.ts). */
export const CALL_DEFAULTS = { holdMs: 0, maxRedirects: 5, allowDowngrade: false } as const satisfies Partial<CallProbeOptions>;

/**
 * `exum call`: INVITE with an offer for an EncryptionLevel or SRTPMode, following 302s over TLS with the
 * same identity on a new connection per hop, each hop's certificate verified against its own name
 * (docs/protocol.md §1: "After a TLS call, every hop is again mutual TLS with the same client identity").
 * ACK (by sip.js) on 2xx, BYE after the hold; CANCEL when only provisional responses came in time.
 */
export async function probeCall(target: SipTarget, given: CallProbeOptions): Promise<CallProbeResult> {
  const options = withProbeDefaults(given);
  const startedAt = options.clock.now().toISOString();
  const elapsed = stopwatch(options.clock);
  const trace = new MessageTrace({ clock: options.clock });
  const maxRedirects = options.maxRedirects ?? CALL_DEFAULTS.maxRedirects;
  const visited = new Set<string>();
  /** Redirects followed from TLS to TCP (only with allowDowngrade). */
  const downgraded: string[] = [];
  const hops: Hop[] = [];
  const mediaWarnings: string[] = [];
  const sdp: SdpExchange = { offer: null, answer: null };
  let current = target;
  const fax = options.offer === "fax";
  /** The agent left open after a 3xx whose next hop is this connection's (RFC 3263 §4.4 / docs/design.md §10). */
  let kept: { readonly link: AgentLink; readonly hop: Hop } | null = null;
  /** The first INVITE's Call-ID, From tag, To and CSeq: every redirected INVITE keeps them (CSeq + 1). */
  let dialog: { readonly callId: string; readonly fromTag: string; readonly toUri: string; readonly cseq: number } | null = null;
  let result: Omit<CallProbeResult, "kind" | "hops" | "trace" | "startedAt" | "durationMs" | "insecure" | "warnings" | "sdp"> | undefined;

  while (result === undefined) {
    visited.add(targetKey(current));
    const hopTarget = current;
    const media: { session?: MediaSession } = {};
    const stopMedia = async () => (media.session ? await media.session.stop() : null);
    let inviter: Inviter | undefined;
    const reuse: { readonly link: AgentLink; readonly hop: Hop } | undefined = kept ?? undefined;
    kept = null;
    const run: HopRun = await runHop({
      method: "INVITE",
      target: hopTarget,
      options,
      trace,
      sdp,
      ...(reuse === undefined ? {} : { reuse }),
      async offer(socket: Socket) {
        const address = (socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
        await media.session?.stop();
        media.session = await MediaSession.open(address);
        if (options.capture !== undefined) media.session.capture = options.capture;
        sdp.offer = null;
        sdp.answer = null;
        if (fax) return buildFaxOffer({ address, port: media.session.local.port });
        return buildOffer({ policy: options.policy, address, port: media.session.local.port, mki: options.srtpMki ?? true }).sdp;
      },
      send(link, delegate) {
        // RFC 3261 §8.1.3.4: after a 3xx the UAC sends the new request with the same Call-ID, From (tag) and To as the
        // original and a higher CSeq; only the Request-URI changes. Exchange looks the user up from To and Diversion,
        // and a published CUCM trace keeps the original To after Exchange's 302 (docs/protocol.md §1, §8).
        const params: Record<string, unknown> = { fromUri: fromAddress(options).uri };
        if (dialog !== null) Object.assign(params, { fromTag: dialog.fromTag, toUri: dialog.toUri, callId: dialog.callId, cseq: dialog.cseq + 1 });
        inviter = new Inviter(link.userAgent, UserAgent.makeURI(hopTarget.uri) as URI, {
          // sip.js passes `params` on to the request it builds (OutgoingRequestMessageOptions: callId, cseq too).
          params: params as NonNullable<ConstructorParameters<typeof Inviter>[2]>["params"],
          extraHeaders: options.extraHeaders ?? [],
        });
        const request = inviter.request;
        if (dialog !== null) keepFromTag(request, dialog.fromTag);
        dialog = { callId: request.callId, fromTag: request.fromTag, toUri: dialog?.toUri ?? request.to.uri.toString(), cseq: request.cseq };
        inviter.invite({ requestDelegate: delegate }).catch(() => undefined);
      },
      async abandon(link) {
        // RFC 3261 §9.1: a CANCEL only after a provisional response; without one the connection is dropped. sip.js
        // holds the CANCEL back until a provisional response arrives, so only then is there an answer to wait for
        // (waiting regardless added 2 s to every timer expiry, e.g. to a failover step's "next on timer expiry").
        if (inviter !== undefined && inviter.state === SessionState.Establishing) {
          await inviter.cancel().catch(() => undefined);
          if (link.provisionalStatuses("INVITE").length > 0) await untilState(inviter, SessionState.Terminated, 2000);
        }
      },
    }).catch(async (error: unknown) => {
      await stopMedia();
      await reuse?.link.close();
      throw error;
    });
    if (reuse !== undefined && run.link !== reuse.link) await reuse.link.close();
    hops.push(run.hop);
    const final = run.wait?.outcome.kind === "final" ? run.wait.outcome.response : null;

    if (run.link === null || final === null || inviter === undefined) {
      await run.link?.close();
      result = failed(run.hop.failure ?? failure("no-response", "no final response"), run.hop, await stopMedia());
      continue;
    }
    const link: AgentLink = run.link;

    if (final.status >= 300 && final.status < 400) {
      const acked = await ackSent(trace, inviter);
      await stopMedia();
      const next = nextTarget(final.contacts);
      if ("failure" in next) {
        result = failed(next.failure, run.hop, null);
      } else if (visited.has(targetKey(next.target))) {
        result = failed(failure("redirect-loop", `${final.status} points back at ${next.target.uri}, already tried`), run.hop, null);
      } else if (hops.length > maxRedirects) {
        result = failed(failure("too-many-redirects", `more than ${maxRedirects} redirects`), run.hop, null);
      } else if (current.transport === "tls" && next.target.transport === "tcp" && !(options.allowDowngrade ?? CALL_DEFAULTS.allowDowngrade)) {
        result = failed(failure("redirect-downgrade", `${final.status} from a TLS hop points at ${next.target.uri} over TCP; not followed (--allow-downgrade follows it)`), run.hop, null);
      } else {
        if (current.transport === "tls" && next.target.transport === "tcp") downgraded.push(next.target.uri);
        // "Lync keeps its MTLS connections up" (docs/protocol.md §6): a redirect to the same host, port, transport
        // and name goes on the connection it came from; anything else gets a connection of its own.
        if (targetConnectionKey(next.target) === targetConnectionKey(current) && link.isOpen()) kept = { link, hop: run.hop };
        current = next.target;
      }
      if (kept?.link !== link) await releaseLink(link, run.hop, hopTarget, options, acked);
      continue;
    }

    if (fax) {
      result = await faxOutcome(final.status, final.reason, run.hop, link, inviter, options, trace, stopMedia, mediaWarnings, () => rejectionFailure(final));
      continue;
    }
    const offer = sdp.offer === null ? null : parseSessionDescription(sdp.offer);
    if (final.status >= 400) {
      await releaseLink(link, run.hop, hopTarget, options, await ackSent(trace, inviter));
      const observed = await stopMedia();
      const classified =
        offer === null ? null : classifyMedia({ offerPolicy: options.policy, offer, answer: null, finalStatus: final.status });
      result = failed(classified?.failure ?? rejectionFailure(final), run.hop, observed);
      continue;
    }

    // 2xx: sip.js ACKs once the answer is set; our media starts at once (the peer's greeting may already be
    // arriving), the call stays up for the hold, then BYE.
    const answer = sdp.answer === null ? null : safeParse(sdp.answer);
    const classified =
      offer === null ? null : classifyMedia({ offerPolicy: options.policy, offer, answer, finalStatus: final.status });
    const holdMs = options.holdMs ?? CALL_DEFAULTS.holdMs;
    if (classified?.failure === null && offer !== null && answer !== null && media.session !== undefined) {
      if (holdMs >= MIN_MEDIA_HOLD_MS) {
        const problem = startCallMedia(media.session, offer, answer, run.hop.address, options.dtmf ?? null);
        if (problem !== null) mediaWarnings.push(problem);
      } else {
        mediaWarnings.push(`media not measured: the call was held ${holdMs} ms (hold it at least ${MIN_MEDIA_HOLD_MS / 1000} s, e.g. --hold 3, to measure it)`);
      }
    }
    const ended = await answeredCall(link, inviter, options, trace);
    // Only a call we ended with a 2xx to our BYE leaves its connection fit for the next probe.
    await releaseLink(link, run.hop, hopTarget, options, ended.endedBy === "us" && ended.failure === null);
    const observed = await stopMedia();
    if (classified !== null && sdp.answer !== null && answer === null) {
      // A body that is not SDP at all is a broken answer, not a missing one.
      classified.media = null;
      classified.failure = { code: "answer-invalid", message: "the 2xx carried a body that is not SDP" };
    }
    const signaling = run.hop.signaling ?? "tcp";
    const negotiated: Negotiated = {
      signaling,
      media: classified?.media ?? null,
      suite: classified?.suite ?? null,
      cryptoTag: classified?.cryptoTag ?? null,
      profile: classified?.profile ?? null,
      mode: exchangeSecurityMode(signaling, classified?.media ?? null),
    };
    // The SDP's verdict first, then what the packets showed, then how the call ended (docs/media.md §7).
    const why = classified?.failure ?? observed?.failure ?? ended.failure;
    result = {
      outcome: why === null ? "answered" : "failed",
      status: final.status,
      reason: final.reason,
      failure: why === null ? null : failure(why.code, why.message),
      tls: run.hop.tls,
      negotiated,
      media: observed,
      endedBy: ended.endedBy,
      endReason: ended.endReason,
    };
  }

  const warnings: string[] = [...mediaWarnings];
  const warningCodes: ProbeWarningCode[] = [];
  // `dialog` is set inside the hop's send callback, which TypeScript's narrowing does not see.
  const early = provisionalsWithSdp(trace, (dialog as { readonly callId: string } | null)?.callId ?? null);
  if (early.length > 0) {
    warningCodes.push("sdp-in-provisional");
    warnings.push(`sdp-in-provisional: ${early.join(", ")} carried SDP; a UCMA peer (Exchange UM, Lync) would have no audio on this call (docs/protocol.md §10)`);
  }
  if (fromAddress(options).fellBack) warnings.push(`From domain "${options.fromDomain}" is no SIP host; sent as exum.invalid`);
  if (options.insecure) warnings.push("--insecure: server certificates were not enforced; results do not prove trust");
  for (const uri of downgraded) {
    warnings.push(`--allow-downgrade: a redirect from a TLS hop was followed to ${uri} over TCP; that INVITE and its SDP (SRTP keys included) crossed the network unencrypted`);
  }
  return {
    kind: "call",
    ...result,
    hops,
    sdp: { offer: sdp.offer, answer: sdp.answer },
    insecure: options.insecure,
    warnings,
    warningCodes,
    trace: trace.entries,
    startedAt,
    durationMs: elapsed(),
  };
}

/**
 * A fax call's end: refused (415/488/606 is `fax-not-supported`, docs/protocol.md §8; any other status its usual
 * rejection) or answered (ACK, BYE after the hold; T.38 media is not measured, so the result says so).
 */
async function faxOutcome(
  status: number,
  reason: string,
  hop: Hop,
  link: AgentLink,
  inviter: Inviter,
  options: ProbeSettings & CallProbeOptions,
  trace: MessageTrace,
  stopMedia: () => Promise<MediaEvidence | null>,
  warnings: string[],
  rejection: () => ProbeFailure,
): Promise<Omit<CallProbeResult, "kind" | "hops" | "trace" | "startedAt" | "durationMs" | "insecure" | "warnings" | "sdp">> {
  if (status >= 400) {
    await ackSent(trace, inviter);
    await link.close();
    await stopMedia();
    const why = FAX_REFUSALS.includes(status)
      ? failure("fax-not-supported", `the fax offer (T.38, m=image udptl t38) was refused: ${status} ${reason}`)
      : rejection();
    return failed(why, hop, null);
  }
  const ended = await answeredCall(link, inviter, options, trace);
  await stopMedia();
  warnings.push("fax media not measured: the harness offers T.38 but sends and reads no UDPTL packets");
  const signaling = hop.signaling ?? "tcp";
  return {
    outcome: ended.failure === null ? "answered" : "failed",
    status,
    reason,
    failure: ended.failure === null ? null : failure(ended.failure.code, ended.failure.message),
    tls: hop.tls,
    negotiated: { signaling, media: null, suite: null, cryptoTag: null, profile: null, mode: null },
    media: null,
    endedBy: ended.endedBy,
    endReason: ended.endReason,
  };
}

function failed(
  why: ProbeFailure,
  hop: Hop,
  media: MediaEvidence | null,
): Omit<CallProbeResult, "kind" | "hops" | "trace" | "startedAt" | "durationMs" | "insecure" | "warnings" | "sdp"> {
  return { outcome: "failed", status: hop.status, reason: hop.reason, failure: why, tls: hop.tls, negotiated: null, media, endedBy: null, endReason: null };
}

/** Two targets are the same hop when they name the same user, host, port and transport (maddr aside). */
function targetKey(target: SipTarget): string {
  return `${target.user ?? ""}@${target.host}:${target.port};${target.transport}`;
}

function nextTarget(contacts: string[]): { target: SipTarget } | { failure: ProbeFailure } {
  const [first] = parseRedirectContacts(contacts);
  if (first === undefined) {
    return { failure: failure("redirect-without-contact", "the 3xx carried no sip: or sips: Contact to follow") };
  }
  try {
    return { target: parseSipTarget(first.uri, "redirect Contact") };
  } catch (error) {
    return { failure: failure("redirect-without-contact", `the 3xx Contact ${first.uri} is not usable: ${(error as Error).message}`) };
  }
}

function safeParse(text: string) {
  try {
    return parseSessionDescription(text);
  } catch {
    return null;
  }
}

/** After a 2xx: wait for the dialog, hold, BYE (bounded), and say who ended it. */
async function answeredCall(
  link: AgentLink,
  inviter: Inviter,
  options: ProbeSettings<CallProbeOptions>,
  trace: MessageTrace,
): Promise<{ endedBy: "us" | "peer"; endReason: string | null; failure: ProbeFailure | null }> {
  const timeoutMs = options.timeoutMs;
  try {
    await untilState(inviter, SessionState.Established, timeoutMs);
    const holding = new AbortController();
    const peerEnded = Promise.race([untilState(inviter, SessionState.Terminated, 2 ** 31 - 1), untilClosed(link, holding.signal)]).then(() => true);
    const stopHolding = () => holding.abort();
    options.signal?.addEventListener("abort", stopHolding, { once: true });
    const held = await Promise.race([delay(options.holdMs ?? 0, holding.signal).then(() => false), peerEnded]).finally(() => {
      options.signal?.removeEventListener("abort", stopHolding);
      holding.abort();
    });
    if (held || inviter.state === SessionState.Terminated) {
      const why = peerEndReason(trace, inviter.request.callId);
      const heldFor = options.holdMs ?? 0;
      return { endedBy: "peer", endReason: why, failure: failure("peer-ended-call", `the peer ended the call before the ${heldFor / 1000} s hold was over: ${why}`) };
    }
    let byeStatus: number | null = null;
    const byeDone = new Promise<void>((resolve) => {
      inviter
        .bye({
          requestDelegate: {
            onAccept: (response) => {
              byeStatus = response.message.statusCode ?? null;
              resolve();
            },
            onReject: (response) => {
              byeStatus = response.message.data === undefined ? null : (response.message.statusCode ?? null);
              resolve();
            },
          },
        })
        .catch(() => resolve());
    });
    // The bound's timer is cleared as soon as the race is decided: a pending timer would keep the process (and a
    // whole run) alive for `timeoutMs` after the last call.
    const bound = new AbortController();
    await Promise.race([byeDone, delay(timeoutMs, bound.signal), untilClosed(link, bound.signal)]).finally(() => bound.abort());
    if (byeStatus === null || byeStatus < 200 || byeStatus >= 300) {
      return { endedBy: "us", endReason: null, failure: failure("bye-failed", `BYE got ${byeStatus ?? "no answer"}`) };
    }
    return { endedBy: "us", endReason: null, failure: null };
  } catch (error) {
    await link.close();
    throw error;
  }
}

/**
 * What the peer's BYE said about why it ended the call: its `Reason` (RFC 3326) and `ms-diagnostics` headers, as
 * received; "a BYE without Reason" or "the connection closed" otherwise.
 */
function peerEndReason(trace: MessageTrace, callId: string): string {
  const bye = trace.entries.find((entry) => entry.direction === "received" && entry.callId === callId && entry.firstLine.startsWith("BYE "));
  if (bye === undefined) return "the connection closed without a BYE";
  const headers = bye.raw
    .split(/\r?\n/)
    .filter((line) => /^(reason|ms-diagnostics(-public)?)\s*:/i.test(line))
    .map((line) => line.trim());
  return headers.length === 0 ? "a BYE without Reason" : `a BYE with ${headers.join("; ")}`;
}

async function untilState(session: Session, wanted: SessionState, ms: number): Promise<void> {
  if (session.state === wanted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      session.stateChange.removeListener(listener);
      resolve();
    }
    const listener = (state: SessionState) => {
      if (state === wanted || state === SessionState.Terminated) done();
    };
    session.stateChange.addListener(listener);
  });
}

/**
 * Gives a redirected INVITE the first INVITE's From tag. sip.js's Inviter always draws a new tag (its `params.fromTag`
 * is ignored), and the request's From header is written when the request is built, so both are set again; sip.js's
 * dialog takes its local tag from the request (dialog.ts: `outgoingRequestMessage.fromTag`).
 */
function keepFromTag(request: Inviter["request"], tag: string): void {
  (request as { fromTag: string }).fromTag = tag; // readonly in sip.js's types only: the dialog reads it from here
  request.from.setParam("tag", tag);
  request.setHeader("from", request.from.toString());
}

/** How long the ACK of a non-2xx final may take to leave before the connection is released anyway. */
const ACK_BOUND_MS = 1000;

/**
 * Waits until the ACK of the INVITE's non-2xx final response has been sent (RFC 3261 §17.1.1.3: the client
 * transaction ACKs it). sip.js sends that ACK itself, a moment after the response arrived; closing the connection at
 * once lost it about one run in eight ("Failed to send ACK to non-2xx response"). Bounded: a peer never makes us hang.
 * Says whether it was sent (a connection whose ACK did not leave is not given to the next probe).
 */
async function ackSent(trace: MessageTrace, inviter: Inviter): Promise<boolean> {
  const { callId, cseq } = inviter.request;
  const sent = () => trace.entries.some((entry) => entry.direction === "sent" && entry.callId === callId && entry.cseq === `${cseq} ACK`);
  const deadline = performance.now() + ACK_BOUND_MS;
  while (!sent() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  return sent();
}

/**
 * The provisional responses to our INVITEs that carried a body, as `180 Ringing` status texts. docs/protocol.md §10
 * "Field failures engineers report": "SDP in a 180 Ringing breaking UCMA (no audio)". RFC 3261 §13.3.1.1 allows
 * the body; the evidence is that it was sent, whatever sip.js made of it.
 */
function provisionalsWithSdp(trace: MessageTrace, callId: string | null): string[] {
  if (callId === null) return [];
  return trace.entries
    .filter((entry) => entry.direction === "received" && entry.callId === callId && /^SIP\/2\.0 1\d\d\b/.test(entry.firstLine) && / INVITE$/i.test(entry.cseq ?? ""))
    .filter((entry) => /\r?\n\r?\n\s*v=0/.test(entry.raw))
    .map((entry) => entry.firstLine.replace(/^SIP\/2\.0 /, ""));
}
