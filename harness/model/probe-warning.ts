/**
 * Things a probe saw that did not fail it but that a real Microsoft peer would trip over: stable codes beside the
 * human sentences of `ProbeResult.warnings` (docs/style.md habit 7: callers match on the code, never on the message).
 */
export const PROBE_WARNINGS = {
  "sdp-in-provisional": {
    meaning: "a provisional response (e.g. 180 Ringing) to our INVITE carried an SDP body: the call worked here, but UCMA-based peers (Exchange UM, Lync) take no SDP in a 180 and the call has no audio",
    source: 'docs/protocol.md §10 "Field failures engineers report": "SDP in a 180 Ringing breaking UCMA (no audio)"',
  },
} as const;

/** A stable warning code. */
export type ProbeWarningCode = keyof typeof PROBE_WARNINGS;

/** Every {@link ProbeWarningCode}, in registry order. */
export const PROBE_WARNING_CODES = Object.keys(PROBE_WARNINGS) as [ProbeWarningCode, ...ProbeWarningCode[]];
