import type { FailureCodeOf } from "./failure-code.js";

/** A failure code of media negotiation (docs/failure-codes.md, layer `media`). */
export type MediaFailureCode = FailureCodeOf<"media">;

/** A classified media failure: the stable code and a message naming the SDP facts behind it. */
export interface MediaFailure {
  readonly code: MediaFailureCode;
  readonly message: string;
}
