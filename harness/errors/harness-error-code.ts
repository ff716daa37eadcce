/**
 * Every code a {@link HarnessError} can carry: one list, so a mistyped or composed code does not compile. A code is
 * stable (callers, tests and scripts match on it, never on a message); its kind (input → exit 2, internal → exit 3)
 * is decided where it is thrown. A peer's misbehaviour is never one of these: it is a failure code
 * (harness/model/failure-code.ts) and a verdict.
 */
export const HARNESS_ERROR_CODES = [
  // Flags and command-line values (exit 2)
  "EXUM_BAD_ENCRYPTION_LEVEL",
  "EXUM_BAD_FIELD",
  "EXUM_BAD_FLAG",
  "EXUM_BAD_MEDIA_POLICY",
  "EXUM_BAD_REPORTER",
  "EXUM_BAD_RESOLVE",
  "EXUM_BAD_SHARD",
  "EXUM_BAD_SRTP_MODE",
  "EXUM_BAD_TARGET",
  "EXUM_BAD_VOIP_SECURITY",
  "EXUM_DIAL_TIMEOUT",
  "EXUM_FILE_NOT_FOUND",
  "EXUM_FILE_UNREADABLE",
  "EXUM_KEYLOG_OPEN",
  "EXUM_USAGE",
  // Certificates, keys and the lab PKI
  "EXUM_BAD_MANIFEST",
  "EXUM_CERTS_DIR",
  "EXUM_IDENTITY_INCOMPLETE",
  "EXUM_KEY_MISMATCH",
  "EXUM_KEY_PASSPHRASE",
  "EXUM_NOT_A_CERTIFICATE",
  "EXUM_NOT_A_KEY",
  "EXUM_NO_LAB_PKI",
  "EXUM_PFX_NO_KEY",
  "EXUM_PFX_PASSPHRASE",
  "EXUM_PFX_UNREADABLE",
  "EXUM_PKI_PLAN",
  "EXUM_TLS_BAD_CERTIFICATE",
  "EXUM_TLS_BAD_KEY",
  "EXUM_TLS_BAD_OPTION",
  // SDP
  "EXUM_SDP_BAD_KEY",
  "EXUM_SDP_BAD_OPTION",
  "EXUM_SDP_NO_AUDIO",
  "EXUM_SDP_PARSE",
  // Topology files and the embedded lab
  "EXUM_LAB_ADDRESS_BLOCK_BUSY",
  "EXUM_LAB_BAD_ADDRESS_BLOCK",
  "EXUM_LAB_BAD_FAULT",
  "EXUM_LAB_DNS_NO_PORT",
  "EXUM_LAB_NOT_EXCHANGE",
  "EXUM_LAB_NOT_LOOPBACK",
  "EXUM_LAB_NO_CERTIFICATE",
  "EXUM_LAB_NO_FAULT",
  "EXUM_LAB_NO_FREE_ADDRESS_BLOCK",
  "EXUM_LAB_PKI_INCOMPLETE",
  "EXUM_LAB_START",
  "EXUM_LAB_TOO_MANY_SERVERS",
  "EXUM_LAB_UNKNOWN_GATEWAY",
  "EXUM_LAB_UNKNOWN_LISTENER",
  "EXUM_LAB_UNKNOWN_NAME",
  "EXUM_LAB_UNKNOWN_SERVER",
  "EXUM_TOPOLOGY_INVALID",
  "EXUM_TOPOLOGY_NOT_YAML",
  "EXUM_TOPOLOGY_OVERRIDE_INVALID",
  "EXUM_TOPOLOGY_UNREADABLE",
  // Scenario and site files, runs and reports
  "EXUM_INTERNAL",
  "EXUM_NO_SCENARIOS",
  "EXUM_REPORT_WRITE",
  "EXUM_RUN_DEADLINE",
  "EXUM_RUN_FILE_INVALID",
  "EXUM_RUN_FILE_NOT_JSON",
  "EXUM_RUN_FILE_SCHEMA",
  "EXUM_SCENARIO_DIR_UNREADABLE",
  "EXUM_SCENARIO_DUPLICATE_NAME",
  "EXUM_SCENARIO_INVALID",
  "EXUM_SCENARIO_NOT_YAML",
  "EXUM_SCENARIO_NO_LAB",
  "EXUM_SCENARIO_TIMEOUT",
  "EXUM_SCENARIO_UNBOUND",
  "EXUM_SCENARIO_UNREADABLE",
  "EXUM_SITE_INVALID",
  "EXUM_SITE_NOT_YAML",
  "EXUM_SITE_PASSPHRASE_MISSING",
  "EXUM_SITE_TOO_MANY_CALLS",
  "EXUM_SITE_UNREADABLE",
  "EXUM_SMOKE_NOTHING_TO_CHECK",
  "EXUM_TEARDOWN",
  // The real peers of the interop tests (harness/testing, docs/peers.md)
  "EXUM_PEER_BAD_CONFIG",
  "EXUM_PEER_BAD_OPTION",
  "EXUM_PEER_EXITED",
  "EXUM_PEER_MISSING",
  "EXUM_PEER_NOT_READY",
  "EXUM_PEER_NO_LOG_LINE",
] as const;

export type HarnessErrorCode = (typeof HARNESS_ERROR_CODES)[number];

export function isHarnessErrorCode(value: string): value is HarnessErrorCode {
  return (HARNESS_ERROR_CODES as readonly string[]).includes(value);
}
