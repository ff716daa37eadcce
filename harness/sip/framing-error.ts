/**
 * Why the byte stream from a peer could not be cut into SIP messages. Stable codes: the transport reports
 * them as evidence (the peer sent garbage) and closes the connection, since framing cannot resynchronise.
 */
export type FramingErrorCode =
  | "header-too-large"
  | "body-too-large"
  | "bad-content-length";

export class FramingError extends Error {
  readonly code: FramingErrorCode;
  constructor(code: FramingErrorCode, message: string) {
    super(message);
    this.name = "FramingError";
    this.code = code;
  }
}
