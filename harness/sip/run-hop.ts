import type { Socket } from "node:net";
import { classifyTlsFailure } from "../tls/classify-tls-failure.js";
import { markClientCertificate } from "../tls/mark-client-certificate.js";
import { silentLogger } from "../log/logger.js";
import { openAgentLink, type AgentLink } from "./agent-link.js";
import { fromAddress } from "./from-address.js";
import { awaitFinal, type FinalWait, type ResponseDelegate } from "./await-final.js";
import { MessageTrace } from "./message-trace.js";
import { settingsConnectionKey, targetConnectionKey } from "./connection-key.js";
import { failure, type ProbeFailure } from "../model/probe-failure.js";
import type { ProbeSettings } from "./probe-options.js";
import type { Hop } from "../model/probe-result.js";
import { openConnection } from "./open-connection.js";
import { signalingOf } from "./signaling-of.js";
import type { SipTarget } from "./sip-target.js";
import type { SdpExchange } from "./text-session-description-handler.js";

export interface HopRequest {
  method: Hop["method"];
  target: SipTarget;
  options: ProbeSettings;
  trace: MessageTrace;
  /** Builds the SDP offer once the local address is known (INVITE only). */
  offer?: (socket: Socket) => Promise<string>;
  sdp?: SdpExchange;
  /** Sends the request on the started agent. */
  send(link: AgentLink, delegate: ResponseDelegate): void;
  /** Runs before the agent is closed when no final response came (INVITE: CANCEL). */
  abandon?(link: AgentLink, wait: FinalWait): Promise<void>;
  /**
   * An agent still open on the connection to this hop's next hop (same host, port, transport and identity), from
   * the hop before: the request goes on it, with no new handshake (docs/design.md §10 "Connection reuse").
   */
  reuse?: { readonly link: AgentLink; readonly hop: Hop };
}

export interface HopRun {
  readonly hop: Hop;
  /** The agent, still open, when a final response arrived (the caller ACKs/BYEs, then closes it). */
  readonly link: AgentLink | null;
  readonly wait: FinalWait | null;
}

/**
 * One request on one new connection: resolve, dial, verify, start an agent, send, wait for the final response
 * under a bound, and turn what was seen into a Hop. Every way it can go wrong becomes a `failure` on the hop;
 * nothing the peer does makes it throw.
 */
export async function runHop(request: HopRequest): Promise<HopRun> {
  const { target, options } = request;
  const base = { method: request.method, target: target.uri, host: target.nextHop?.host ?? target.host, port: target.nextHop?.port ?? target.port, transport: target.transport };
  const kept = request.reuse !== undefined && request.reuse.link.isOpen() ? request.reuse : options.connections?.take(poolKey(target, options));
  if (kept !== undefined) {
    const { link, hop } = kept;
    link.use({ trace: request.trace, sdp: request.sdp ?? { offer: null, answer: null } });
    if (request.offer) link.setOffer(await request.offer(link.socket));
    const run = await sendOn(link, request, { ...base, connection: "reused", address: hop.address, tls: hop.tls }, null);
    // A kept connection the peer had already closed (its FIN not yet read when the request went) says nothing about
    // the peer: the request goes again on a new connection to the same next hop, and the hop is judged on that one
    // (docs/design.md §10 "Connection reuse"). The first attempt stays in the trace.
    if (!closedUnanswered(run, link)) return run;
  }
  const connection = await openConnection(target, options);
  const timingsOf = (first: number | null, final: number | null) => ({
    tcpConnectMs: round(connection.tcpConnectMs),
    tlsHandshakeMs: round(connection.tlsHandshakeMs),
    firstResponseMs: round(first),
    finalResponseMs: round(final),
  });
  if (!connection.ok) {
    return {
      hop: {
        ...base,
        connection: "new",
        address: connection.address,
        status: null,
        reason: null,
        provisional: [],
        headers: {},
        diagnostics: [],
        signaling: null,
        tls: connection.evidence,
        timings: timingsOf(null, null),
        failure: connection.failure,
      },
      link: null,
      wait: null,
    };
  }
  const tls = connection.evidence;
  let link: AgentLink;
  try {
    const offer = request.offer ? await request.offer(connection.socket) : undefined;
    link = await openAgentLink({
      socket: connection.socket,
      protocol: target.transport === "tls" ? "TLS" : "TCP",
      trace: request.trace,
      logger: options.logger ?? silentLogger,
      fromUser: fromAddress(options).user,
      fromDomain: fromAddress(options).domain,
      offer,
      sdp: request.sdp,
    });
  } catch (error) {
    connection.socket.destroy();
    const lost = failure("connection-lost", `the connection closed before the request could be sent: ${(error as Error).message}`);
    return {
      hop: { ...base, connection: "new", address: connection.address, status: null, reason: null, provisional: [], headers: {}, diagnostics: [], signaling: null, tls, timings: timingsOf(null, null), failure: lost },
      link: null,
      wait: null,
    };
  }
  return sendOn(link, request, { ...base, connection: "new", address: connection.address, tls }, connection);
}

/** The request on a kept connection met only its close: no response of any kind came back. */
function closedUnanswered(run: HopRun, link: AgentLink): boolean {
  const outcome = run.wait?.outcome;
  return outcome?.kind === "closed" && outcome.closure.kind === "closed" && link.firstInboundAt(run.wait?.sentAt) === null;
}

/** Where a hop's connection is kept in a pool: its next hop and who we are on it. */
function poolKey(target: SipTarget, options: ProbeSettings): string {
  return `${targetConnectionKey(target)}|${settingsConnectionKey(options)}`;
}

/** What a finished probe's connection records into while it waits in a pool: nothing (a stray message is counted). */
const IDLE_BINDING = { trace: new MessageTrace({ limit: 0 }), sdp: { offer: null, answer: null } };

/**
 * Ends a probe's use of a link: back into the probe's pool when its transaction ended cleanly (`clean`) and the
 * connection is still open, closed otherwise. `hop` is the hop the link served last (its address and TLS evidence).
 */
export async function releaseLink(link: AgentLink, hop: Hop, target: SipTarget, options: ProbeSettings, clean: boolean): Promise<void> {
  if (!clean || options.connections === undefined || !link.isOpen()) return link.close();
  link.use(IDLE_BINDING);
  await options.connections.give(poolKey(target, options), { link, hop });
}

/** Sends the hop's request on an open agent, waits for its final response and turns what was seen into a Hop. */
async function sendOn(
  link: AgentLink,
  request: HopRequest,
  base: Pick<Hop, "method" | "target" | "host" | "port" | "transport" | "connection" | "address" | "tls">,
  connection: { readonly tcpConnectMs: number | null; readonly tlsHandshakeMs: number | null } | null,
): Promise<HopRun> {
  const { target, options } = request;
  const tls = base.tls;
  const timingsOf = (first: number | null, final: number | null) => ({
    tcpConnectMs: round(connection?.tcpConnectMs ?? null),
    tlsHandshakeMs: round(connection?.tlsHandshakeMs ?? null),
    firstResponseMs: round(first),
    finalResponseMs: round(final),
  });
  const timeoutMs = options.timeoutMs;
  const wait = await awaitFinal(link, (delegate) => request.send(link, delegate), timeoutMs, options.signal);
  const firstAt = link.firstInboundAt(wait.sentAt);
  const cseq = lastSentCseq(request.trace, request.method);
  let hopFailure: ProbeFailure | null = null;
  let finalAt: number | null = null;
  let status: number | null = null;
  let reason: string | null = null;
  let headers: Hop["headers"] = {};
  let diagnostics: Hop["diagnostics"] = [];
  const outcome = wait.outcome;
  if (outcome.kind === "final") {
    ({ status, reason, headers, diagnostics } = outcome.response);
    finalAt = outcome.response.at;
  } else if (outcome.kind === "timeout") {
    hopFailure = failure("no-response", `no final response to ${request.method} within ${timeoutMs} ms`);
  } else if (outcome.kind === "synthetic") {
    hopFailure =
      outcome.status === 408
        ? failure("no-response", `no final response to ${request.method} (sip.js's own timer fired)`)
        : failure("connection-lost", `sip.js could not send on the connection (it reported a ${outcome.status} of its own)`);
  } else if (outcome.kind === "aborted") {
    hopFailure = failure("aborted", "interrupted before a final response arrived");
  } else if (outcome.closure.kind === "garbage" && outcome.closure.error.code === "unparseable" && /^SIP\/2\.0 3\d\d\b/.test(outcome.closure.error.firstLine ?? "")) {
    // A 3xx whose Contact cannot be parsed (Kamailio writes <sip:<null>@host> for a target without a user) gives
    // nothing to follow: RFC 3261 §8.1.3.4 redirects to the Contact's URIs.
    hopFailure = failure("redirect-without-contact", `the redirect could not be followed: ${outcome.closure.error.message}`);
  } else if (outcome.closure.kind === "garbage") {
    hopFailure = failure("peer-garbage", `the peer sent something that is not SIP: ${outcome.closure.error.message}`);
  } else if (target.transport === "tls" && firstAt === null && (outcome.closure.error !== undefined || tls?.clientCertificate.requested === true)) {
    // docs/peers.md: over TLS 1.3 a server rejects a missing or untrusted client certificate after our handshake
    // completed; the alert surfaces on the first read. docs/protocol.md §5: the handshake is aborted "(TLS alert or
    // close)": a server that asked for our certificate and then closed without a word is classified the same
    // way, and the message says that no alert came.
    const tlsFailure = classifyTlsFailure(outcome.closure.error ?? closedWithoutAlert(), "after-handshake", {
      certificateRequested: tls?.clientCertificate.requested ?? null,
    });
    hopFailure = failure(tlsFailure.code, tlsFailure.message, tlsFailure.alert);
  } else {
    const why = outcome.closure.error ? `: ${outcome.closure.error.message}` : "";
    hopFailure = failure("connection-lost", `the peer closed the connection before a final response${why}`);
  }
  if (tls !== null) {
    if (firstAt !== null) markClientCertificate(tls, true);
    else if (hopFailure?.code === "tls-client-cert-rejected") markClientCertificate(tls, false);
  }
  const hop: Hop = {
    ...base,
    status,
    reason,
    provisional: link.provisionalStatuses(request.method, cseq),
    headers,
    diagnostics,
    signaling: signalingOf(target.transport, tls),
    tls,
    timings: timingsOf(firstAt === null ? null : firstAt - wait.sentAt, finalAt === null ? null : finalAt - wait.sentAt),
    failure: hopFailure,
  };
  if (outcome.kind !== "final") {
    if (outcome.kind === "timeout" || outcome.kind === "aborted") await request.abandon?.(link, wait);
    await link.close();
    return { hop, link: null, wait };
  }
  return { hop, link, wait };
}

/** The CSeq number of the request just sent (the trace's last one of that method): its provisionals are its own. */
function lastSentCseq(trace: MessageTrace, method: string): number | undefined {
  const sent = trace.entries.findLast((entry) => entry.direction === "sent" && entry.firstLine.startsWith(`${method} `));
  const number = Number(sent?.cseq?.split(" ")[0]);
  return Number.isInteger(number) ? number : undefined;
}

function round(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}

/** A close with no error, as the error the TLS classifier reads (the reset it amounts to). */
function closedWithoutAlert(): Error {
  return Object.assign(new Error("the server closed the connection without a TLS alert or a SIP response"), { code: "ECONNRESET" });
}
