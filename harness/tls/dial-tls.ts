import { isIP } from "node:net";
import { connect, type TLSSocket } from "node:tls";
import { acceptableCaEvidence, caListFinding, caListNearLimit } from "./acceptable-cas.js";
import { CertificateRequestObserver, type CertificateRequestObservation } from "./certificate-request-observer.js";
import { classifyTlsFailure } from "./classify-tls-failure.js";
import { DialTimeoutError } from "./dial-timeout-error.js";
import { validateDialOptions, type DialTlsOptions } from "./dial-options.js";
import type { DialResult, DialTimings } from "./dial-result.js";
import { abortError, connectTcp, endpointsOf } from "./dial-tcp.js";
import { identitySubject } from "./identity-subject.js";
import { peerCertificateSummary, peerChainSummary } from "./peer-certificate-summary.js";
import { secureContextFor } from "./secure-context-for.js";
import { TappedSocket } from "./tapped-socket.js";
import { captureFlow } from "./capture-flow.js";
import { emptyEvidence } from "./empty-evidence.js";
import { type TlsEvidence } from "../model/tls-evidence.js";
import { exposeEndpoints } from "./expose-endpoints.js";
import { silentTlsLogger } from "./tls-logger.js";
import { verifyServerCertificate } from "./verify-server-certificate.js";

type HandshakeOutcome = { secure: true } | { secure: false; error: unknown };

/**
 * What OpenSSL reveals without the wire: a client computes shared signature algorithms only while processing a
 * CertificateRequest (tried on Node 20 / OpenSSL 3, TLS 1.2 and 1.3), so a non-empty list means the server asked.
 */
function sigalgsSayRequested(socket: TLSSocket): boolean | null {
  try {
    return socket.getSharedSigalgs().length > 0;
  } catch {
    return null;
  }
}

function settleRequested(
  observed: CertificateRequestObservation | null,
  inferred: boolean | null,
  evidence: TlsEvidence,
): { requested: boolean | null; basis: string } {
  const inference = "OpenSSL's shared signature algorithms, which a client computes only from a CertificateRequest";
  if (observed === null) {
    return inferred === null
      ? { requested: null, basis: "wire observation was off and OpenSSL gave no hint" }
      : { requested: inferred, basis: `inferred from ${inference} (wire observation off)` };
  }
  if (observed.requested === null) {
    return inferred === null
      ? { requested: null, basis: observed.basis }
      : { requested: inferred, basis: `${observed.basis}; inferred instead from ${inference}` };
  }
  if (inferred !== null && inferred !== observed.requested) {
    evidence.warnings.push(
      `the wire showed requested=${observed.requested} but ${inference} say ${inferred}; the wire reading is reported`,
    );
  }
  return { requested: observed.requested, basis: observed.basis };
}

/**
 * Connects TCP, then TLS over it, and reports exactly what was negotiated.
 *
 * TCP is connected first with node:net so its time is measured apart and the server's bytes can be read by the
 * {@link CertificateRequestObserver}. The handshake runs with `rejectUnauthorized: false` and the server is verified
 * afterwards ({@link verifyServerCertificate}), so the evidence always holds the peer chain; an untrusted or
 * misnamed server then ends the attempt (`tls-untrusted-server`, `tls-name-mismatch`) unless `insecure`.
 *
 * With TLS 1.3 a server rejects a missing or untrusted client certificate only after our handshake completed
 * (docs/protocol.md §5), so `ok: true` does not mean we were accepted: `clientCertificate.accepted` stays null until the
 * SIP layer calls {@link markClientCertificate}. Classify a later socket error with
 * `classifyTlsFailure(error, "after-handshake")`.
 *
 * Throws only for bad input (unparseable PEM, invalid options). A returned socket carries a listener that keeps
 * a peer's reset from crashing the process; attach your own `error` and `close` listeners at once.
 */
export async function dialTls(options: DialTlsOptions): Promise<DialResult<TLSSocket>> {
  validateDialOptions(options);
  const log = options.log ?? silentTlsLogger;
  const start = performance.now();
  const timings: DialTimings = { start, tcpConnect: null, tlsHandshake: null };
  const verifyName = options.servername ?? options.address;
  const sni = isIP(verifyName) === 0 ? verifyName : null;
  const evidence = emptyEvidence("tls");
  evidence.sni = sni;
  evidence.verification.verifiedName = verifyName;
  evidence.verification.insecure = options.insecure === true;

  // Bad PEM is bad input: fail before touching the network.
  const secureContext = secureContextFor({
    caPem: options.caPem,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
    ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
    ...(options.ciphers === undefined ? {} : { ciphers: options.ciphers }),
  });

  const tcp = await connectTcp(options);
  if (!tcp.ok) {
    log.debug({ address: options.address, port: options.port, failure: tcp.failure.code }, "tcp connect failed");
    return { ok: false, failure: tcp.failure, evidence, timings };
  }
  timings.tcpConnect = tcp.connectedAt - start;
  evidence.tcp = endpointsOf(tcp.socket);

  const observing = options.observeCertificateRequest !== false;
  const observer = new CertificateRequestObserver();
  // A capture sees the TLS records both ways for the connection's whole life; the observer only the handshake.
  const flow = options.capture === undefined ? null : captureFlow(tcp.socket, options.capture);
  const recorder = flow === null ? null : { read: (chunk: Buffer) => flow.received(chunk), write: (chunk: Buffer) => flow.sent(chunk) };
  const tapped = observing || recorder !== null ? new TappedSocket(tcp.socket, observing ? (chunk) => observer.onServerBytes(chunk) : null, recorder) : null;
  const handshakeStart = performance.now();
  const socket = connect({
    socket: tapped ?? tcp.socket,
    secureContext,
    ...(sni === null ? {} : { servername: sni }),
    rejectUnauthorized: false,
    // Node's own check would use "localhost" when no servername is set; ours runs after the handshake.
    checkServerIdentity: () => undefined,
  });
  if (tapped !== null) exposeEndpoints(socket, tcp.socket);
  socket.on("keylog", (line: Buffer) => {
    observer.onKeylogLine(line);
    options.keylog?.write(line);
    options.capture?.keyLog(line.toString("latin1"));
  });

  const outcome = await new Promise<HandshakeOutcome>((resolve) => {
    let settled = false;
    const settle = (result: HandshakeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      socket.off("secureConnect", onSecure);
      socket.off("close", onClose);
      socket.off("error", onError);
      resolve(result);
    };
    const onSecure = (): void => settle({ secure: true });
    const onClose = (): void =>
      settle({
        secure: false,
        error: Object.assign(new Error("the peer closed the connection during the TLS handshake"), { code: "ECONNRESET" }),
      });
    const onAbort = (): void => settle({ secure: false, error: abortError() });
    const onError = (error: Error): void => settle({ secure: false, error });
    const timer = setTimeout(
      () => settle({ secure: false, error: new DialTimeoutError("handshake", options.handshakeTimeoutMs) }),
      options.handshakeTimeoutMs,
    );
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener("abort", onAbort, { once: true });
    socket.on("error", onError);
    socket.once("secureConnect", onSecure);
    socket.once("close", onClose);
  });
  tapped?.untap();

  const observation = observing ? observer.observation() : null;
  if (observation !== null) evidence.version = observation.protocol;

  if (!outcome.secure) {
    socket.destroy();
    let failure = classifyTlsFailure(outcome.error, "handshake", { certificateRequested: observation?.requested ?? null });
    const requested = observation?.requested ?? null;
    evidence.clientCertificate.requested = requested;
    evidence.clientCertificate.requestedBasis = observation?.basis ?? "wire observation was off";
    evidence.clientCertificate.sent = requested === true && options.identity !== undefined;
    evidence.clientCertificate.subject = evidence.clientCertificate.sent && options.identity !== undefined ? identitySubject(options.identity) : null;
    Object.assign(evidence.clientCertificate, acceptableCaEvidence(observation, options.identity));
    const finding = caListFinding(evidence.clientCertificate);
    if (finding !== null) evidence.warnings.push(finding);
    if (failure.code === "tls-client-cert-rejected") {
      evidence.clientCertificate.accepted = false;
      // The server refused us after listing CAs none of which is ours, in a list cut where Schannel cuts it: the list
      // is why (docs/protocol.md §5). A shorter list is the server's whole trust: it does not trust our issuer, which
      // stays tls-client-cert-rejected (the finding is still a warning).
      if (evidence.clientCertificate.issuerListed === false && caListNearLimit(observation?.acceptableCaDer ?? null)) {
        failure = { ...failure, code: "tls-client-ca-not-listed", message: `${caListFinding(evidence.clientCertificate) ?? ""}; then it refused us (${failure.message})` };
      }
    }
    log.debug({ address: options.address, port: options.port, failure: failure.code, raw: failure.rawCode }, "tls handshake failed");
    return { ok: false, failure, evidence, timings };
  }

  timings.tlsHandshake = performance.now() - handshakeStart;
  evidence.version = socket.getProtocol();
  const cipher = socket.getCipher();
  evidence.cipher = { name: cipher.name, standardName: cipher.standardName, version: cipher.version };
  evidence.alpn = typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null;
  evidence.peer = peerCertificateSummary(socket);
  evidence.peerChain = peerChainSummary(socket);

  const settled = settleRequested(observation, sigalgsSayRequested(socket), evidence);
  evidence.clientCertificate.requested = settled.requested;
  evidence.clientCertificate.requestedBasis = settled.basis;
  evidence.clientCertificate.sent = settled.requested === true && options.identity !== undefined;
  evidence.clientCertificate.subject =
    evidence.clientCertificate.sent && options.identity !== undefined ? identitySubject(options.identity) : null;
  Object.assign(evidence.clientCertificate, acceptableCaEvidence(observation, options.identity));
  const caFinding = caListFinding(evidence.clientCertificate);
  if (caFinding !== null) evidence.warnings.push(caFinding);
  if (settled.requested === null) log.debug({ basis: settled.basis }, "could not tell whether the server asked for a client certificate");

  const { verification, failure } = verifyServerCertificate(socket, verifyName, evidence.peer);
  evidence.verification = { ...verification, insecure: options.insecure === true };
  if (failure !== null) {
    if (options.insecure !== true) {
      socket.destroy();
      log.debug({ address: options.address, port: options.port, failure: failure.code }, "server certificate refused");
      return { ok: false, failure, evidence, timings };
    }
    evidence.warnings.push(`INSECURE: kept a connection that fails verification — ${failure.code}: ${failure.message}`);
    log.warn({ address: options.address, port: options.port, failure: failure.code }, "insecure: server certificate not verified");
  }

  socket.on("error", () => undefined);
  return { ok: true, socket, evidence, timings };
}
