import { randomBytes } from "node:crypto";
import { answerOffer } from "../../sdp/answer-offer.js";
import type { MediaPolicy } from "../../sdp/media-policy.js";
import type { Logger } from "../../log/logger.js";
import { serverSecureContext } from "../../tls/server-secure-context.js";
import { startSipListener, type InboundRequest, type SipListener } from "../net/sip-listener.js";

/** How the responder's worker behaves; every field can change while it runs (tests flip them). */
export interface ResponderBehaviour {
  /** The worker's media policy (docs/protocol.md §2: Secured → required, SIPSecured/Unsecured → none). */
  workerPolicy: MediaPolicy;
  /** Status for an offer the worker cannot take. docs/protocol.md §3 default: 488 Not Acceptable Here. */
  notAcceptableStatus: number;
  /** ms-diagnostics-public reason sent with that status. */
  notAcceptableReason: string;
  /** Redirect every INVITE at the front back to the front itself (a redirect loop). */
  loop: boolean;
  /** Never answer INVITEs at the worker (after 100 Trying when `tryingFirst`). */
  silent: boolean;
  tryingFirst: boolean;
  /** Send 180 Ringing (same To tag as the final answer) before answering. */
  ringing: boolean;
  /** Send this text instead of a response at the worker. */
  garbage: string | null;
}

export interface LoopbackResponderOptions {
  /** The FQDN the responder's certificate names and its Contact carries. */
  fqdn: string;
  address?: string;
  certPem: string;
  keyPem: string;
  caPem: string[];
  requireClientCertificate?: boolean;
  /** Cap the TLS version (docs/peers.md: under 1.2 a rejected client certificate fails the handshake itself). */
  maxTlsVersion?: "TLSv1.2" | "TLSv1.3";
  behaviour?: Partial<ResponderBehaviour>;
  logger?: Logger;
}

export interface LoopbackResponder {
  readonly front: SipListener;
  readonly worker: SipListener;
  readonly behaviour: ResponderBehaviour;
  /** Every request each side received, in order: method and Request-URI. */
  readonly seen: { side: "front" | "worker"; method: string; uri: string; peerCn: string | null }[];
  close(): Promise<void>;
}

/**
 * A two-step mutual-TLS responder on loopback: a front that answers OPTIONS 200 and redirects INVITEs with
 * 302 (the Call Router, docs/protocol.md §1 step 2), and a worker that answers with SDP or refuses (§1 step 4,
 * §3). The full simulated Exchange UM and Lync servers live in the lab; this is the small version the
 * client's tests and `exum selftest` run against.
 */
export async function startLoopbackResponder(options: LoopbackResponderOptions): Promise<LoopbackResponder> {
  const address = options.address ?? "127.0.0.1";
  const behaviour: ResponderBehaviour = {
    workerPolicy: "required",
    notAcceptableStatus: 488,
    notAcceptableReason: "Incompatible security setting",
    loop: false,
    silent: false,
    tryingFirst: true,
    ringing: false,
    garbage: null,
    ...options.behaviour,
  };
  const tls = serverSecureContext({
    identity: { certPem: options.certPem, keyPem: options.keyPem },
    caPem: options.caPem,
    requestCert: options.requireClientCertificate ?? true,
    maxVersion: options.maxTlsVersion,
  });
  const seen: LoopbackResponder["seen"] = [];
  const common = {
    address,
    port: 0,
    protocol: "tls" as const,
    tls,
    logger: options.logger,
  };
  const record = (side: "front" | "worker", request: InboundRequest) => {
    const cn = request.peerCertificate?.subject?.CN;
    seen.push({ side, method: request.message.method, uri: request.message.ruri?.toString() ?? "", peerCn: typeof cn === "string" ? cn : null });
  };
  const worker = await startSipListener({
    ...common,
    onRequest(request) {
      record("worker", request);
      const { method } = request.message;
      if (method === "ACK") return;
      if (method === "BYE" || method === "OPTIONS" || method === "CANCEL") {
        request.respond({ status: 200, reason: "OK" });
        return;
      }
      if (method !== "INVITE") {
        request.respond({ status: 405, reason: "Method Not Allowed" });
        return;
      }
      if (behaviour.garbage !== null) {
        request.socket.write(behaviour.garbage);
        return;
      }
      if (behaviour.tryingFirst) request.respond({ status: 100, reason: "Trying" });
      const toTag = randomBytes(6).toString("hex");
      if (behaviour.ringing) request.respond({ status: 180, reason: "Ringing", toTag });
      if (behaviour.silent) return;
      const answer = answerOffer(request.message.body, { policy: behaviour.workerPolicy, address, port: 40000 });
      if (answer.kind === "not-acceptable") {
        request.respond({
          toTag,
          status: behaviour.notAcceptableStatus,
          reason: behaviour.notAcceptableStatus === 488 ? "Not Acceptable Here" : "Not Acceptable",
          headers: [`ms-diagnostics-public: 0;source="${options.fqdn}";reason="${behaviour.notAcceptableReason}"`],
        });
        return;
      }
      request.respond({
        toTag,
        status: 200,
        reason: "OK",
        headers: [`Contact: <sip:worker@${options.fqdn}:${worker.port};transport=tls>`, "User-Agent: exum-loopback-worker"],
        body: answer.sdp,
      });
    },
  });
  const front = await startSipListener({
    ...common,
    onRequest(request) {
      record("front", request);
      const { method } = request.message;
      if (method === "ACK") return;
      if (method === "OPTIONS") {
        request.respond({ status: 200, reason: "OK", headers: ["Allow: INVITE, ACK, BYE, CANCEL, OPTIONS", "Accept: application/sdp"] });
        return;
      }
      if (method !== "INVITE") {
        request.respond({ status: 405, reason: "Method Not Allowed" });
        return;
      }
      const user = request.message.ruri?.user ?? "";
      const port = behaviour.loop ? front.port : worker.port;
      request.respond({
        status: 302,
        reason: "Moved Temporarily",
        headers: [`Contact: <sip:${user}@${options.fqdn}:${port};transport=Tls;maddr=${address}>`],
      });
    },
  });
  return {
    front,
    worker,
    behaviour,
    seen,
    async close() {
      await Promise.all([front.close(), worker.close()]);
    },
  };
}
