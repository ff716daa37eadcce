/**
 * Stable codes of the errors the peer runners throw (as {@link HarnessError}s of kind `internal`): a test that
 * fails because of its infrastructure says which of these happened, and the message carries the peer's log tail.
 */
export const PeerErrorCode = {
  /** The peer's binary is not installed. */
  Missing: "EXUM_PEER_MISSING",
  /** A runner was given options that cannot work (say which and why). */
  BadOption: "EXUM_PEER_BAD_OPTION",
  /** The peer rejected the configuration we wrote (e.g. `kamailio -c`). */
  BadConfig: "EXUM_PEER_BAD_CONFIG",
  /** The readiness condition (port accepting, log line) did not come within its bound. */
  NotReady: "EXUM_PEER_NOT_READY",
  /** The peer exited while we were waiting for it. */
  Exited: "EXUM_PEER_EXITED",
  /** An expected log line did not appear within its bound. */
  NoLogLine: "EXUM_PEER_NO_LOG_LINE",
} as const;

export type PeerErrorCode = (typeof PeerErrorCode)[keyof typeof PeerErrorCode];
