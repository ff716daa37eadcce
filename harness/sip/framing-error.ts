/**
 * Why the byte stream from a peer could not be cut into SIP messages. Stable codes: the transport reports
 * them as evidence (the peer sent garbage) and closes the connection, since framing cannot resynchronise.
 */
export type FramingErrorCode =
  | "header-too-large"
  | "body-too-large"
  | "bad-content-length"
  /** The bytes cannot begin a SIP message (`HTTP/1.1 400`, random bytes): no status or request line. */
  | "not-sip"
  /** A whole message that sip.js's parser refuses (a header it cannot parse): `firstLine` says which message. */
  | "unparseable";

export class FramingError extends Error {
  readonly code: FramingErrorCode;
  /** The status or request line of the message, where one was read. */
  readonly firstLine: string | null;
  constructor(code: FramingErrorCode, message: string, firstLine: string | null = null) {
    super(message);
    this.name = "FramingError";
    this.code = code;
    this.firstLine = firstLine;
  }
}
