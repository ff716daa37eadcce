import { randomBytes } from "node:crypto";
import { isIP, type Socket } from "node:net";
import { parseSipUriText, rawRequestUri, uriParam } from "../../model/sip-uri-text.js";
import { parseInbound } from "../net/malformed-request.js";
import { buildResponse, type ResponseSpec } from "../net/build-response.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { LyncRejection, PoolSimSettings } from "../topology/sim-pool-settings.js";
import type { ServerOf } from "../topology/topology-resolve.js";
import { ExumLeg, type ExumLegTarget } from "./exum-leg.js";
import { routeExumCall, type ExumRoute } from "./exum-route.js";
import { msDiagnostics } from "./ms-diagnostics-header.js";
import type { SimRequest, SimServerContext } from "./sim-server.js";
import { headerName, headerValues, joinMessage, splitMessage, topViaBranch, withoutHeader, withoutTopVia, type SipMessageText } from "./sip-message-text.js";

/** The application name ExumRouting writes in its ms-diagnostics (docs/protocol.md §10 [KB]). */
export const EXUM_APP_NAME = "ExumRouting";

/** Every branch the pool writes starts with the RFC 3261 §8.1.1.7 magic cookie and this. */
const BRANCH_PREFIX = "z9hG4bKexum";
/** Redirects followed per UM server at most (Exchange 2013+: two, Call Router then UM service, docs/protocol.md §1). */
const MAX_REDIRECTS = 5;
/**
 * Calls routed at once at most: each holds a connection to a UM server, so one peer sending INVITEs without end must not
 * make the pool open connections without end (docs/design.md §5: the lab cannot be locked up). More get 503.
 */
export const EXUM_MAX_CALLS = 256;
/** After a provisional response the UM server is alive; the call is bounded by RFC 3261 Timer B (64 × T1) instead. */
const RINGING_BOUND_MS = 32_000;

type BranchOutcome =
  | { readonly kind: "answered" }
  | { readonly kind: "redirect"; readonly contact: string | null }
  | { readonly kind: "failed"; readonly why: string; readonly response: SipMessageText | null }
  | { readonly kind: "cancelled" };

/** How one call's routing ended, for tests and reports: the UM servers tried in order, and the outcome. */
export interface ExumRouted {
  readonly callId: string;
  readonly tried: readonly string[];
  readonly outcome: "answered" | "cancelled" | "all-failed";
}

interface ProxiedCall {
  readonly callId: string;
  /** The caller's INVITE: its connection is where everything for the caller is written. */
  readonly upstream: SimRequest;
  readonly route: ExumRoute;
  state: "routing" | "answered" | "ended";
  leg: ExumLeg | null;
  /** The INVITE as last forwarded (our Via on top) and its branch. */
  invite: { text: SipMessageText; branch: string } | null;
  settle: ((outcome: BranchOutcome) => void) | null;
  tried: string[];
}

/**
 * The Front End pool's ExumRouting as a record-routing proxy (RFC 3261 §16) in front of Exchange UM. docs/protocol.md
 * §1: the pool "routes voice mail, Subscriber Access and Auto Attendant calls to UM", and "Lync follows these redirects
 * transparently" [DOC]: the pool recurses on the Call Router's and UM service's 302s itself (RFC 3261 §16.5 lets a
 * proxy recurse on a 3xx's Contacts), so the caller sees one final answer. A proxy, not a B2BUA: Lync's Front End is a
 * proxy/registrar and ExumRouting retargets the request, so the caller's SDP (SRTP keys included, docs/media.md §3)
 * reaches the worker unchanged and the worker's answer reaches the caller unchanged: media flows between the caller
 * and the worker. Toward Exchange every connection is mutual TLS with the pool's own certificate (docs/protocol.md §1,
 * §5: Exchange authorises the pool as its UM IP gateway).
 *
 * Failover, docs/protocol.md §7 [DOC MS-EUMR]: "routes the INVITE to the first, and on any failure response or timer
 * expiry moves to the next; when all have been tried it ends the call with 480" (`behaviour.pool.allServersFailed`,
 * `serverTimerMs`). Calls it cannot route get `behaviour.pool.unknownTarget` / `noUmDialPlan` (exum-route.ts).
 *
 * [INF] lab shortcuts, each said where it applies: a 2xx without Record-Route is given the pool's (the lab worker does
 * not echo it; Exchange does, RFC 3261 §12.1.1); a BYE from the worker is answered 200 by the pool and passed to the
 * caller (the lab's listeners do not read responses from a caller).
 */
export class ExumProxy {
  readonly #context: SimServerContext;
  readonly #settings: () => Required<Omit<PoolSimSettings, "serverHeader">> & { serverHeader: string };
  readonly #calls = new Map<string, ProxiedCall>();
  readonly #watched = new WeakSet<Socket>();
  readonly #maxCalls: number;
  readonly #onRouted: ((routed: ExumRouted) => void) | undefined;

  constructor(
    context: SimServerContext,
    settings: () => Required<Omit<PoolSimSettings, "serverHeader">> & { serverHeader: string },
    options: { maxCalls?: number; onRouted?: (routed: ExumRouted) => void } = {},
  ) {
    this.#context = context;
    this.#settings = settings;
    this.#maxCalls = options.maxCalls ?? EXUM_MAX_CALLS;
    this.#onRouted = options.onRouted;
  }

  /** Whether a request belongs to a call the pool routes (and was handled). */
  handles(request: SimRequest): boolean {
    const method = request.message.method.toUpperCase();
    if (method === "INVITE" && request.message.toTag === undefined && !this.#calls.has(request.message.callId)) {
      void this.#route(request);
      return true;
    }
    const call = this.#calls.get(request.message.callId);
    if (call === undefined) return false;
    if (method === "CANCEL") this.#cancel(call, request);
    else if (method === "INVITE" && request.message.toTag === undefined) return true; // a retransmission
    else this.#forwardInDialog(call, request);
    return true;
  }

  close(): void {
    for (const call of this.#calls.values()) this.#end(call);
  }

  get #server(): string {
    return `Server: ${this.#settings().serverHeader}`;
  }

  /** An ExumRouting answer: the configured status and ms-diagnostics with the pool as source and appName (§10 [KB]). */
  #answer(rejection: LyncRejection, extra: readonly string[] = []): ResponseSpec {
    return {
      status: rejection.status,
      reason: rejection.reason,
      headers: [this.#server, msDiagnostics(rejection.diagnosticsCode, rejection.diagnosticsReason, this.#context.fqdn, EXUM_APP_NAME), ...extra],
    };
  }

  async #route(request: SimRequest): Promise<void> {
    if (this.#calls.size >= this.#maxCalls) {
      request.respond({ status: 503, reason: reasonPhrase(503), headers: [this.#server] });
      return;
    }
    request.respond({ status: 100, reason: "Trying", headers: [this.#server] });
    const pool = request.server() as ServerOf<"pool">;
    const routing = routeExumCall(request.lab.topology(), pool, rawRequestUri(request.request.raw));
    if (!routing.ok) {
      const settings = this.#settings();
      request.logger.debug({ callId: request.message.callId, detail: routing.detail }, "ExumRouting cannot route the call");
      request.respond(this.#answer(settings[routing.answer]));
      return;
    }
    const call: ProxiedCall = { callId: request.message.callId, upstream: request, route: routing.route, state: "routing", leg: null, invite: null, settle: null, tried: [] };
    this.#calls.set(call.callId, call);
    this.#watch(request.request.socket);
    let last: SipMessageText | null = null;
    for (const fqdn of routing.route.servers) {
      if (call.state !== "routing") return;
      call.tried.push(fqdn);
      const outcome = await this.#tryServer(call, fqdn);
      if (outcome.kind === "answered" || outcome.kind === "cancelled") {
        this.#onRouted?.({ callId: call.callId, tried: [...call.tried], outcome: outcome.kind });
        return;
      }
      if (outcome.kind === "failed") {
        request.logger.debug({ callId: call.callId, server: fqdn, why: outcome.why }, "ExumRouting moves to the next UM server");
        last = outcome.response ?? last;
      }
    }
    if (call.state !== "routing") return;
    // [INF] The UM server's own diagnostics travel with the 480, so the caller can still tell why the last one failed.
    const carried = last === null ? [] : headerValues(last, "ms-diagnostics-public").map((value) => `ms-diagnostics-public: ${value}`);
    request.respond(this.#answer(this.#settings().allServersFailed, carried));
    this.#onRouted?.({ callId: call.callId, tried: [...call.tried], outcome: "all-failed" });
    this.#end(call);
  }

  /** One UM server: INVITE it, follow its redirects, until an answer, a failure, a timer expiry or a CANCEL. */
  async #tryServer(call: ProxiedCall, fqdn: string): Promise<BranchOutcome> {
    const port = this.#context.lab.boundPort(fqdn, "sip-tls");
    let target: ExumLegTarget | null = port === undefined ? null : this.#target(fqdn, port, "tls");
    let requestUri = call.route.requestUri ?? rawRequestUri(call.upstream.request.raw);
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (target === null) return { kind: "failed", why: `${fqdn} has no mutual TLS listener or address`, response: null };
      const outcome = await this.#invite(call, target, requestUri, hop > 0 && this.#settings().diversionAcrossRedirects === "drop");
      if (outcome.kind !== "redirect") return outcome;
      const next = outcome.contact === null ? null : parseSipUriText(outcome.contact);
      if (next === null) return { kind: "failed", why: "a redirect without a usable Contact", response: null };
      const transport = String(uriParam(next, "transport") ?? "tls").toLowerCase() === "tcp" ? "tcp" : "tls";
      // RFC 3261 §19.1.1: maddr moves the connection, not the identity verified (Exchange 2010 writes one).
      const maddr = uriParam(next, "maddr");
      target = this.#target(next.host, next.port ?? (transport === "tls" ? 5061 : 5060), transport, typeof maddr === "string" ? maddr : next.host);
      requestUri = outcome.contact ?? requestUri;
    }
    return { kind: "failed", why: `more than ${MAX_REDIRECTS} redirects`, response: null };
  }

  #target(fqdn: string, port: number, transport: "tls" | "tcp", connectTo = fqdn): ExumLegTarget | null {
    const address = this.#context.names.resolve(connectTo) ?? this.#context.lab.addressOf(connectTo) ?? (isIP(connectTo) === 0 ? undefined : connectTo);
    return address === undefined ? null : { fqdn, address, port, transport };
  }

  /** Sends the caller's INVITE to one hop and waits for its final response under MS-EUMR's timer. */
  async #invite(call: ProxiedCall, target: ExumLegTarget, requestUri: string, dropDiversion: boolean): Promise<BranchOutcome> {
    const settings = this.#settings();
    call.leg?.close();
    call.leg = null;
    const holder: { leg: ExumLeg | null } = { leg: null };
    const opened = await ExumLeg.open(target, this.#context.clientTls, settings.serverTimerMs, {
      onMessage: (message, raw) => {
        if (holder.leg !== null) this.#fromUm(call, holder.leg, message, raw);
      },
      onClose: (why) => {
        if (holder.leg !== null && call.leg === holder.leg) call.settle?.({ kind: "failed", why, response: null });
      },
    });
    if ("failure" in opened) return { kind: "failed", why: opened.failure, response: null };
    if (call.state !== "routing") {
      opened.close();
      return { kind: "cancelled" };
    }
    holder.leg = opened;
    call.leg = opened;
    const branch = newBranch();
    const forwarded = this.#forwardedInvite(call, requestUri, branch);
    // behaviour.pool.diversionAcrossRedirects "drop": the field failure of docs/protocol.md §10 [3P].
    const text = dropDiversion ? withoutHeader(withoutHeader(forwarded, "diversion"), "history-info") : forwarded;
    call.invite = { text, branch };
    return new Promise<BranchOutcome>((resolve) => {
      let timer = setTimeout(() => done({ kind: "failed", why: `no response within ${settings.serverTimerMs} ms`, response: null }), settings.serverTimerMs);
      const done = (outcome: BranchOutcome) => {
        clearTimeout(timer);
        if (call.settle !== settle) return;
        call.settle = null;
        if (outcome.kind === "failed" || outcome.kind === "redirect") opened.close();
        resolve(outcome);
      };
      const settle = (outcome: BranchOutcome | { kind: "provisional" }) => {
        if (outcome.kind !== "provisional") return done(outcome);
        clearTimeout(timer);
        timer = setTimeout(() => done({ kind: "failed", why: `no final response within ${RINGING_BOUND_MS} ms of a provisional one`, response: null }), RINGING_BOUND_MS);
      };
      call.settle = settle as (outcome: BranchOutcome) => void;
      opened.write(joinMessage(text));
    });
  }

  /**
   * The caller's INVITE as forwarded (RFC 3261 §16.6): the new Request-URI, Max-Forwards less one, our Via on top and
   * our Record-Route; for call answering the Diversion ExumRouting writes (docs/protocol.md §8 [DOC MS-EUMR]: "the pool
   * removes old `Diversion` headers and adds `Diversion: <original Request-URI>`"; `Supported: ms-fe`). The body, the
   * SDP with its keys, is not touched.
   */
  #forwardedInvite(call: ProxiedCall, requestUri: string, branch: string): SipMessageText {
    let message = ownRoutesRemoved(splitMessage(call.upstream.request.raw), this.#context.fqdn);
    const forwards = Number(headerValues(message, "max-forwards")[0] ?? 70);
    message = withoutHeader(message, "max-forwards");
    const headers = [`Via: SIP/2.0/TLS ${this.#context.fqdn}:${call.upstream.listener.port};branch=${branch}`, `Record-Route: ${this.#recordRoute(call)}`, ...message.headers];
    headers.push(`Max-Forwards: ${Math.max(0, (Number.isFinite(forwards) ? forwards : 70) - 1)}`);
    message = { ...message, startLine: `INVITE ${requestUri} SIP/2.0`, headers };
    if (call.route.diversion !== null) {
      message = withoutHeader(message, "diversion");
      message.headers.push(`Diversion: ${call.route.diversion}`, "Supported: ms-fe");
    }
    return message;
  }

  #recordRoute(call: ProxiedCall): string {
    return `<sip:${this.#context.fqdn}:${call.upstream.listener.port};transport=tls;lr>`;
  }

  /** A message from a UM server: responses to what we sent, or a request of the dialog (the worker's BYE). */
  #fromUm(call: ProxiedCall, leg: ExumLeg, message: SipMessageText, raw: string): void {
    if (!message.startLine.startsWith("SIP/2.0")) {
      this.#requestFromUm(call, leg, message, raw);
      return;
    }
    const status = Number(/^SIP\/2\.0 (\d{3})/.exec(message.startLine)?.[1] ?? 0);
    const method = (headerValues(message, "cseq")[0] ?? "").split(/\s+/)[1]?.toUpperCase() ?? "";
    const branch = topViaBranch(message);
    if (branch === null || !branch.startsWith(BRANCH_PREFIX)) return;
    const relayed = withoutTopVia(message, branch);
    if (relayed === null) return;
    if (method !== "INVITE" || branch !== call.invite?.branch) {
      // A response to an in-dialog request we passed on (BYE, re-INVITE …), RFC 3261 §16.7 step 3.
      if (call.state === "answered" && method !== "ACK") call.upstream.send(joinMessage(relayed));
      if (call.state === "answered" && method === "BYE") this.#end(call);
      return;
    }
    if (status < 200) {
      if (status > 100 && call.state === "routing") call.upstream.send(joinMessage(relayed));
      (call.settle as ((outcome: { kind: "provisional" }) => void) | null)?.({ kind: "provisional" });
      return;
    }
    if (status < 300) {
      const answer = headerValues(relayed, "record-route").length > 0 ? relayed : { ...relayed, headers: [`Record-Route: ${this.#recordRoute(call)}`, ...relayed.headers] };
      if (call.state === "answered") {
        // RFC 3261 §16.7 step 5: a retransmitted 2xx is passed on too (the caller's ACK stops it).
        call.upstream.send(joinMessage(answer));
        return;
      }
      if (call.state !== "routing" || call.settle === null) {
        // A late 2xx after CANCEL or a timer: RFC 3261 §16.7 step 5 would pass it on; the lab just ends that leg.
        leg.close();
        return;
      }
      call.state = "answered";
      call.upstream.send(joinMessage(answer));
      call.settle({ kind: "answered" });
      return;
    }
    leg.write(ackFor(call.invite.text, message));
    if (status < 400) call.settle?.({ kind: "redirect", contact: firstContactUri(message) });
    else call.settle?.({ kind: "failed", why: `${message.startLine.slice(8)}`, response: message });
  }

  /** The worker's BYE (or another request of the dialog): answered here and passed to the caller [INF]. */
  #requestFromUm(call: ProxiedCall, leg: ExumLeg, message: SipMessageText, raw: string): void {
    const parsed = parseInbound(raw);
    if (parsed.kind !== "request") return;
    const method = parsed.message.method.toUpperCase();
    if (method !== "ACK") leg.write(buildResponse(parsed.message, { status: 200, reason: "OK" }));
    if (call.state !== "answered") return;
    call.upstream.send(joinMessage({ ...message, headers: [`Via: SIP/2.0/TLS ${this.#context.fqdn}:${call.upstream.listener.port};branch=${newBranch()}`, ...message.headers] }));
    if (method === "BYE") this.#end(call);
  }

  /** ACK, BYE, re-INVITE … from the caller: passed to the UM server that answered (RFC 3261 §16.6, loose routing §16.4). */
  #forwardInDialog(call: ProxiedCall, request: SimRequest): void {
    const method = request.message.method.toUpperCase();
    const leg = call.leg;
    if (call.state !== "answered" || leg === null || leg.closed) {
      if (method !== "ACK") request.respond({ status: 481, reason: reasonPhrase(481), headers: [this.#server] });
      return;
    }
    const message = ownRoutesRemoved(splitMessage(request.request.raw), this.#context.fqdn);
    const forwards = Number(headerValues(message, "max-forwards")[0] ?? 70);
    const rest = withoutHeader(message, "max-forwards");
    leg.write(
      joinMessage({
        ...rest,
        headers: [`Via: SIP/2.0/TLS ${this.#context.fqdn}:${call.upstream.listener.port};branch=${newBranch()}`, ...rest.headers, `Max-Forwards: ${Math.max(0, forwards - 1)}`],
      }),
    );
  }

  /** RFC 3261 §9.2 / §16.10: the CANCEL is answered 200, the INVITE 487, and the pending branch cancelled. */
  #cancel(call: ProxiedCall, request: SimRequest): void {
    request.respond({ status: 200, reason: "OK", headers: [this.#server] });
    if (call.state !== "routing") return;
    call.state = "ended";
    if (call.invite !== null && call.leg !== null) call.leg.write(cancelFor(call.invite.text));
    call.upstream.respond({ status: 487, reason: reasonPhrase(487), headers: [this.#server] });
    call.settle?.({ kind: "cancelled" });
    const leg = call.leg;
    this.#context.schedule(2000, () => leg?.close());
    this.#calls.delete(call.callId);
  }

  /** One close listener per caller connection (not one per call): its calls end with it. */
  #watch(socket: Socket): void {
    if (this.#watched.has(socket)) return;
    this.#watched.add(socket);
    socket.once("close", () => {
      for (const call of [...this.#calls.values()]) if (call.upstream.request.socket === socket) this.#end(call);
    });
  }

  #end(call: ProxiedCall): void {
    call.state = "ended";
    call.settle?.({ kind: "cancelled" });
    const leg = call.leg;
    call.leg = null;
    // Let a relayed final answer (a BYE's 200) leave before the connection goes.
    if (leg !== null) this.#context.schedule(200, () => leg.close());
    this.#calls.delete(call.callId);
  }
}

function newBranch(): string {
  return `${BRANCH_PREFIX}${randomBytes(8).toString("hex")}`;
}

/** RFC 3261 §16.4: a Route naming this proxy (the top one, from our Record-Route) is removed before forwarding. */
function ownRoutesRemoved(message: SipMessageText, fqdn: string): SipMessageText {
  const index = message.headers.findIndex((line) => headerName(line) === "route");
  if (index === -1) return message;
  const line = message.headers[index] ?? "";
  const values = line.slice(line.indexOf(":") + 1).split(",");
  if (!(values[0] ?? "").toLowerCase().includes(`sip:${fqdn.toLowerCase()}`)) return message;
  const headers = [...message.headers];
  if (values.length === 1) headers.splice(index, 1);
  else headers[index] = `Route: ${values.slice(1).join(",").trim()}`;
  return { ...message, headers };
}

/** RFC 3261 §17.1.1.3: the ACK of a non-2xx final response, built from the INVITE (its top Via only) and the response's To. */
function ackFor(invite: SipMessageText, response: SipMessageText): string {
  const requestUri = invite.startLine.split(" ")[1] ?? "";
  const [via] = headerValues(invite, "via");
  const cseq = (headerValues(invite, "cseq")[0] ?? "1").split(/\s+/)[0];
  return joinMessage({
    startLine: `ACK ${requestUri} SIP/2.0`,
    headers: [`Via: ${via ?? ""}`, `Max-Forwards: 70`, `From: ${headerValues(invite, "from")[0] ?? ""}`, `To: ${headerValues(response, "to")[0] ?? ""}`, `Call-ID: ${headerValues(invite, "call-id")[0] ?? ""}`, `CSeq: ${cseq} ACK`],
    body: "",
  });
}

/** RFC 3261 §9.1: a CANCEL has the INVITE's Request-URI, top Via, From, To, Call-ID and CSeq number. */
function cancelFor(invite: SipMessageText): string {
  const requestUri = invite.startLine.split(" ")[1] ?? "";
  const [via] = headerValues(invite, "via");
  const cseq = (headerValues(invite, "cseq")[0] ?? "1").split(/\s+/)[0];
  return joinMessage({
    startLine: `CANCEL ${requestUri} SIP/2.0`,
    headers: [`Via: ${via ?? ""}`, `Max-Forwards: 70`, `From: ${headerValues(invite, "from")[0] ?? ""}`, `To: ${headerValues(invite, "to")[0] ?? ""}`, `Call-ID: ${headerValues(invite, "call-id")[0] ?? ""}`, `CSeq: ${cseq} CANCEL`],
    body: "",
  });
}

/** The URI of a 3xx's first Contact (`<sip:…>` or bare). */
function firstContactUri(response: SipMessageText): string | null {
  const [contact] = headerValues(response, "contact");
  if (contact === undefined) return null;
  const angled = /<([^>]+)>/.exec(contact);
  return (angled?.[1] ?? contact.split(/[;,]/)[0] ?? "").trim() || null;
}
