import type { FailureCodeOf } from "./failure-code.js";

/** A failure code of the media on the wire (docs/failure-codes.md, layer `rtp`). */
export type RtpFailureCode = FailureCodeOf<"rtp">;
