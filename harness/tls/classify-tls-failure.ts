import { tlsAlertFromName, tlsAlertName } from "./tls-alert.js";
import type { TlsFailure, TlsFailureCode, TlsPhase } from "../model/tls-failure.js";

/** What the caller knows beside the error, used to refine a classification. */
export interface ClassifyContext {
  /**
   * Whether the server had asked for our certificate (the certificate-request observer's verdict,
   * `evidence.clientCertificate.requested`). A handshake_failure (40) from a server that never asked is not about
   * our certificate; a close without an alert from a server that did ask is taken as a refusal of it
   * (`tls-client-cert-rejected` with `alert: null`). Pass it for after-handshake errors too, before any SIP
   * response arrived.
   */
  certificateRequested?: boolean | null;
}

/**
 * Alerts a server sends about the client's certificate, or its absence. "certificate_required: Sent by servers
 * when a client certificate is desired but none was provided by the client" (RFC 8446 §6.2); with TLS 1.2 the same
 * refusal is handshake_failure (docs/peers.md: "TLS 1.2, no client certificate: … alert 40").
 */
const CLIENT_CERTIFICATE_ALERTS = new Set([40, 41, 42, 43, 44, 45, 46, 48, 116]);

/** OpenSSL reasons for received alerts whose name does not follow the `…_ALERT_<name>` pattern. */
const IRREGULAR_ALERT_REASONS: Readonly<Record<string, number>> = {
  TLSV1_UNSUPPORTED_EXTENSION: 110,
  TLSV1_CERTIFICATE_UNOBTAINABLE: 111,
  TLSV1_UNRECOGNIZED_NAME: 112,
  TLSV1_BAD_CERTIFICATE_STATUS_RESPONSE: 113,
  TLSV1_BAD_CERTIFICATE_HASH_VALUE: 114,
};

/** Our own side refusing the server's version, or having none to offer. */
const VERSION_REASONS = new Set([
  "UNSUPPORTED_PROTOCOL",
  "NO_PROTOCOLS_AVAILABLE",
  "VERSION_TOO_LOW",
  "VERSION_TOO_HIGH",
  "UNSUPPORTED_SSL_VERSION",
  "TLSV1_ALERT_PROTOCOL_VERSION",
]);

/** Reasons meaning the bytes that came back were not TLS at all. */
const NOT_TLS_REASONS = new Set(["WRONG_VERSION_NUMBER", "PACKET_LENGTH_TOO_LONG", "RECORD_LENGTH_MISMATCH", "HTTP_REQUEST"]);

/** OpenSSL certificate verify codes as Node reports them in `authorizationError` and `error.code`. */
const NAME_MISMATCH_CODES = new Set(["ERR_TLS_CERT_ALTNAME_INVALID", "HOSTNAME_MISMATCH", "IP_ADDRESS_MISMATCH"]);
const VERIFY_CODE = /^(?:UNABLE_TO_|CERT_|CRL_|DEPTH_ZERO_|SELF_SIGNED_|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|ERROR_IN_CERT_|EE_KEY_TOO_SMALL|CA_KEY_TOO_SMALL|CA_MD_TOO_WEAK|KEY_USAGE_NO_CERTSIGN|UNHANDLED_CRITICAL_EXTENSION)/;

const CONNECT_FAILED_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "EADDRINUSE", "EACCES", "EPERM", "EAFNOSUPPORT"]);
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE", "ERR_SOCKET_CLOSED"]);
const NAME_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "EAI_NODATA"]);

interface ErrorFacts {
  code: string | null;
  message: string;
  name: string;
}

function factsOf(error: unknown): ErrorFacts {
  if (typeof error === "string") return { code: error, message: error, name: "" };
  if (error !== null && typeof error === "object") {
    const record = error as { code?: unknown; message?: unknown; name?: unknown };
    return {
      code: typeof record.code === "string" ? record.code : null,
      message: typeof record.message === "string" ? record.message : String(error),
      name: typeof record.name === "string" ? record.name : "",
    };
  }
  return { code: null, message: String(error), name: "" };
}

/** `ERR_SSL_TLSV1_ALERT_UNKNOWN_CA` → `TLSV1_ALERT_UNKNOWN_CA`; other codes unchanged. */
function opensslReason(code: string | null): string | null {
  if (code === null) return null;
  return code.startsWith("ERR_SSL_") ? code.slice("ERR_SSL_".length) : null;
}

/**
 * The alert the peer sent, from OpenSSL's "SSL alert number N" error data or else from the reason name
 * (`SSLV3_ALERT_HANDSHAKE_FAILURE`, `TLSV13_ALERT_CERTIFICATE_REQUIRED` …).
 */
export function receivedAlert(error: unknown): number | null {
  const facts = factsOf(error);
  const fromMessage = /SSL alert number (\d+)/.exec(facts.message);
  if (fromMessage?.[1] !== undefined) return Number(fromMessage[1]);
  const reason = opensslReason(facts.code) ?? facts.code;
  if (reason === null) return null;
  const irregular = IRREGULAR_ALERT_REASONS[reason];
  if (irregular !== undefined) return irregular;
  const named = /^(?:SSLV3|TLSV1|TLSV13)_ALERT_([A-Z0-9_]+)$/.exec(reason);
  return named?.[1] === undefined ? null : tlsAlertFromName(named[1]);
}

function alertMessage(alert: number, phase: TlsPhase): string {
  const described = `TLS alert ${alert} ${tlsAlertName(alert) ?? "(unknown)"}`;
  const when = phase === "after-handshake" ? " right after the handshake" : " during the handshake";
  switch (alert) {
    case 116:
      return `the server requires a client certificate and we sent none (${described}${when}); give one with --cert/--key or --pfx`;
    case 40:
      return `the server refused the handshake (${described}${when}); with TLS 1.2 this is how a server that requires a client certificate refuses a client without one`;
    case 48:
      return `the server does not trust the CA that issued our certificate (${described}${when}); UM and Lync must chain to the same root CA (docs/protocol.md §5)`;
    case 45:
      return `the server says our certificate has expired (${described}${when}); renew it`;
    case 44:
      return `the server says our certificate is revoked (${described}${when})`;
    default:
      return `the server rejected our client certificate (${described}${when}); check that it is valid, has clientAuth usage and chains to a CA the server trusts`;
  }
}

function failure(
  code: TlsFailureCode,
  message: string,
  phase: TlsPhase,
  facts: ErrorFacts,
  extra: { alert?: number | null; opensslCode?: string | null } = {},
): TlsFailure {
  const alert = extra.alert ?? null;
  return {
    code,
    message,
    phase,
    alert,
    alertName: alert === null ? null : tlsAlertName(alert),
    opensslCode: extra.opensslCode ?? null,
    rawCode: facts.code,
  };
}

/**
 * Maps an error seen while connecting to a stable {@link TlsFailure}. Never throws: anything unrecognised becomes
 * `connection-failed` (connect phase) or `tls-handshake-failed` with the raw code kept.
 *
 * @param error What Node reported: an `Error` with `code`, a verify code string from `authorizationError`
 *   (`"CERT_HAS_EXPIRED"`), or our {@link DialTimeoutError}.
 * @param phase Where it happened; the same alert means the same thing in every phase, but timeouts and resets
 *   are worded by phase.
 */
export function classifyTlsFailure(error: unknown, phase: TlsPhase, context: ClassifyContext = {}): TlsFailure {
  const facts = factsOf(error);
  const code = facts.code;

  if (code === "EXUM_DIAL_TIMEOUT" || code === "ETIMEDOUT") {
    return failure("connection-timeout", facts.message, phase, facts);
  }
  if (code === "ABORT_ERR" || facts.name === "AbortError") {
    return failure("aborted", "the attempt was cancelled before it finished", phase, facts);
  }
  if (code === "ECONNREFUSED") {
    return failure("connection-refused", `the peer refused the connection (${facts.message}); is the server listening on that port?`, phase, facts);
  }
  if (code !== null && NAME_CODES.has(code)) {
    return failure("name-not-resolved", `the host name did not resolve (${facts.message}); check DNS or use --resolve`, phase, facts);
  }
  if (code !== null && CONNECT_FAILED_CODES.has(code)) {
    return failure("connection-failed", `the connection could not be made (${facts.message})`, phase, facts);
  }

  const alert = receivedAlert(error);
  const reason = opensslReason(code);
  if (alert !== null) {
    if (alert === 70) {
      return failure(
        "tls-protocol-version",
        `the server refused every TLS version we offered (TLS alert 70 protocol_version); compare the versions we allow with the server's`,
        phase,
        facts,
        { alert, opensslCode: reason },
      );
    }
    if (alert === 40 && context.certificateRequested === false) {
      return failure(
        "tls-handshake-failed",
        `the server refused the handshake before asking for a client certificate (TLS alert 40 handshake_failure): no cipher suite, group or signature algorithm in common, or no usable server certificate`,
        phase,
        facts,
        { alert, opensslCode: reason },
      );
    }
    if (CLIENT_CERTIFICATE_ALERTS.has(alert)) {
      return failure("tls-client-cert-rejected", alertMessage(alert, phase), phase, facts, { alert, opensslCode: reason });
    }
    return failure(
      "tls-handshake-failed",
      `the server ended the handshake with TLS alert ${alert} ${tlsAlertName(alert) ?? "(unknown)"}`,
      phase,
      facts,
      { alert, opensslCode: reason },
    );
  }

  if (reason !== null && VERSION_REASONS.has(reason)) {
    return failure(
      "tls-protocol-version",
      `no TLS version in common: the server chose a version we do not allow, or we allow none (${reason}); a server limited to TLS 1.0/1.1 needs an explicit, reported minVersion`,
      phase,
      facts,
      { opensslCode: reason },
    );
  }
  if (code !== null && NAME_MISMATCH_CODES.has(code)) {
    return failure("tls-name-mismatch", `the server's certificate does not name the host we asked for (${facts.message})`, phase, facts, {
      opensslCode: code,
    });
  }
  if (code !== null && VERIFY_CODE.test(code)) {
    return failure("tls-untrusted-server", `the server's certificate is not trusted (${code})`, phase, facts, { opensslCode: code });
  }
  if (reason === "CERTIFICATE_VERIFY_FAILED") {
    return failure("tls-untrusted-server", `the server's certificate is not trusted (${facts.message})`, phase, facts, {
      opensslCode: reason,
    });
  }
  if (reason !== null && NOT_TLS_REASONS.has(reason)) {
    return failure(
      "tls-handshake-failed",
      `the peer did not answer with TLS (${reason}); is this a plain TCP port (5060) rather than a TLS one (5061)?`,
      phase,
      facts,
      { opensslCode: reason },
    );
  }
  const closed =
    (code !== null && RESET_CODES.has(code)) ||
    /socket disconnected|socket hang up|closed before|other side closed/i.test(facts.message);
  if (closed) {
    const when =
      phase === "connect" ? "while connecting" : phase === "handshake" ? "during the TLS handshake" : "right after the TLS handshake";
    if (phase !== "connect" && context.certificateRequested === true) {
      // docs/protocol.md §5: a server that refuses a client certificate aborts the handshake "(TLS alert or close)";
      // Node servers close without an alert. Inferred, so the alert stays null and the message says so.
      return failure(
        "tls-client-cert-rejected",
        `the server closed the connection ${when} after asking for our certificate, and no TLS alert was read: it refused the certificate we sent, or our lack of one (inferred from the close; an alert may have been lost when our first write failed)`,
        phase,
        facts,
        { opensslCode: reason },
      );
    }
    return failure(
      "connection-reset",
      `the peer closed the connection ${when} without a TLS alert${phase === "connect" ? "" : "; a server that rejects a client certificate may do this instead of sending an alert"}`,
      phase,
      facts,
      { opensslCode: reason },
    );
  }
  if (phase === "connect") {
    return failure("connection-failed", `the connection could not be made (${facts.message})`, phase, facts);
  }
  return failure("tls-handshake-failed", `the TLS handshake failed (${code ?? facts.message})`, phase, facts, { opensslCode: reason });
}
