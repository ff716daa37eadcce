/**
 * TLS alert descriptions by number.
 *
 * "enum { close_notify(0), unexpected_message(10), bad_record_mac(20), … certificate_required(116),
 * no_application_protocol(120), (255) } AlertDescription;" — RFC 8446 §6, plus the TLS 1.2 and earlier values
 * that RFC 8446 keeps reserved (RFC 5246 §7.2: decryption_failed_RESERVED(21), no_certificate_RESERVED(41),
 * export_restriction_RESERVED(60), no_renegotiation(100)).
 */
export const TLS_ALERTS: Readonly<Record<number, string>> = {
  0: "close_notify",
  10: "unexpected_message",
  20: "bad_record_mac",
  21: "decryption_failed",
  22: "record_overflow",
  30: "decompression_failure",
  40: "handshake_failure",
  41: "no_certificate",
  42: "bad_certificate",
  43: "unsupported_certificate",
  44: "certificate_revoked",
  45: "certificate_expired",
  46: "certificate_unknown",
  47: "illegal_parameter",
  48: "unknown_ca",
  49: "access_denied",
  50: "decode_error",
  51: "decrypt_error",
  60: "export_restriction",
  70: "protocol_version",
  71: "insufficient_security",
  80: "internal_error",
  86: "inappropriate_fallback",
  90: "user_canceled",
  100: "no_renegotiation",
  109: "missing_extension",
  110: "unsupported_extension",
  111: "certificate_unobtainable",
  112: "unrecognized_name",
  113: "bad_certificate_status_response",
  114: "bad_certificate_hash_value",
  115: "unknown_psk_identity",
  116: "certificate_required",
  120: "no_application_protocol",
};

/** The RFC name of an alert (`48` → `"unknown_ca"`), or null for a number no RFC defines. */
export function tlsAlertName(alert: number): string | null {
  return TLS_ALERTS[alert] ?? null;
}

/** OpenSSL spells a few names its own way (`USER_CANCELLED`, `BAD_CERTIFICATE_HASH_VALUE` …). */
const OPENSSL_SPELLINGS: Readonly<Record<string, string>> = {
  user_cancelled: "user_canceled",
};

/**
 * The alert number for an RFC or OpenSSL alert name, case and separator insensitive
 * (`"UNKNOWN_CA"`, `"unknown ca"`, `"certificate_required"` → 48, 48, 116), or null.
 */
export function tlsAlertFromName(name: string): number | null {
  const normalised = name.trim().toLowerCase().replace(/[\s-]+/g, "_");
  const canonical = OPENSSL_SPELLINGS[normalised] ?? normalised;
  for (const [number, alertName] of Object.entries(TLS_ALERTS)) {
    if (alertName === canonical) return Number(number);
  }
  return null;
}
