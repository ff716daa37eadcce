import { FramingError } from "./framing-error.js";

export interface MessageFramerOptions {
  /**
   * Largest header section accepted, in bytes.
   * @defaultValue 65536
   */
  maxHeaderBytes?: number;
  /**
   * Largest body accepted, in bytes.
   * @defaultValue 1048576
   */
  maxBodyBytes?: number;
  /**
   * Judge the start of every message as it arrives: bytes that cannot begin a SIP status line or request line
   * (RFC 3261 §7.1, §7.2) are a `not-sip` error at once, instead of waiting for an end of headers that may never come.
   * The client sets it; the lab answers malformed requests itself (malformed-request.ts).
   * @defaultValue false
   */
  requireSipStart?: boolean;
}

const defaults: Required<MessageFramerOptions> = { maxHeaderBytes: 64 * 1024, maxBodyBytes: 1024 * 1024, requireSipStart: false };

const SIP_VERSION = "SIP/2.0 ";
/** RFC 3261 §7.1 Request-Line = Method SP Request-URI SP SIP-Version; §7.2 Status-Line = SIP-Version SP Status-Code SP Reason-Phrase. */
const STATUS_LINE = /^SIP\/2\.0 \d{3}(?: .*)?$/;
const REQUEST_LINE = /^[A-Za-z]{1,32} \S+ SIP\/2\.0$/;

/** Whether `start` (the first bytes of a message, maybe not all of its first line yet) can still begin SIP. */
function couldBeginSip(start: string): boolean {
  const lineEnd = start.indexOf("\r\n");
  if (lineEnd !== -1) {
    const line = start.slice(0, lineEnd);
    return STATUS_LINE.test(line) || REQUEST_LINE.test(line);
  }
  if (start.length > 1024) return false; // no first line within 1 KiB
  if (SIP_VERSION.startsWith(start.slice(0, SIP_VERSION.length)) && (start.length <= SIP_VERSION.length || /^SIP\/2\.0 \d{0,3}/.test(start))) return true;
  return /^[A-Za-z]{1,32}(?: |$)/.test(start);
}

/** The first bytes of what arrived, printable, for the evidence. */
function shown(bytes: Buffer): string {
  return JSON.stringify(bytes.subarray(0, 80).toString("latin1"));
}

const CRLFCRLF = Buffer.from("\r\n\r\n");

/**
 * Cuts a stream transport's bytes into whole SIP messages (sip.js wants exactly one per onMessage call and has
 * no splitter of its own: docs/sipjs.md "What the project supplies" 1).
 *
 * RFC 3261 §18.3: "In the case of stream-oriented transports such as TCP, the Content-Length header field
 * indicates the size of the body. All stream-oriented transports MUST use Content-Length." The length counts
 * octets, so the framer works on bytes and decodes each whole message as UTF-8 only once it is complete.
 * RFC 5626 §3.5.1 keep-alives (CRLF pings, CRLFCRLF) between messages are skipped.
 */
export class MessageFramer {
  private readonly options: Required<MessageFramerOptions>;
  private buffer: Buffer = Buffer.alloc(0);
  private failed: FramingError | undefined;

  constructor(options: MessageFramerOptions = {}) {
    this.options = { ...defaults, ...options };
  }

  /** Bytes received but not yet part of a whole message. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  /**
   * Feeds a chunk and returns every message it completes, in order. Throws a FramingError (and keeps
   * throwing it) once the stream is unusable.
   */
  push(chunk: Buffer): string[] {
    if (this.failed) throw this.failed;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const messages: string[] = [];
    try {
      for (;;) {
        const message = this.next();
        if (message === undefined) break;
        messages.push(message);
      }
    } catch (error) {
      this.failed = error as FramingError;
      this.buffer = Buffer.alloc(0);
      throw error;
    }
    return messages;
  }

  private next(): string | undefined {
    this.skipKeepAlives();
    if (this.buffer.length === 0) return undefined;
    if (this.options.requireSipStart && !couldBeginSip(this.buffer.subarray(0, 1100).toString("latin1"))) {
      throw new FramingError("not-sip", `no SIP status or request line: it began ${shown(this.buffer)}`);
    }
    const headerEnd = this.buffer.indexOf(CRLFCRLF);
    if (headerEnd === -1) {
      if (this.buffer.length > this.options.maxHeaderBytes) {
        throw new FramingError(
          "header-too-large",
          `no end of headers within ${this.options.maxHeaderBytes} bytes`,
        );
      }
      return undefined;
    }
    if (headerEnd > this.options.maxHeaderBytes) {
      throw new FramingError("header-too-large", `header section of ${headerEnd} bytes exceeds ${this.options.maxHeaderBytes}`);
    }
    const head = this.buffer.subarray(0, headerEnd).toString("latin1");
    const bodyLength = contentLength(head);
    if (bodyLength > this.options.maxBodyBytes) {
      throw new FramingError("body-too-large", `Content-Length ${bodyLength} exceeds ${this.options.maxBodyBytes} bytes`);
    }
    const total = headerEnd + CRLFCRLF.length + bodyLength;
    if (this.buffer.length < total) return undefined;
    const message = this.buffer.subarray(0, total).toString("utf8");
    this.buffer = this.buffer.subarray(total);
    return message;
  }

  private skipKeepAlives(): void {
    let start = 0;
    while (start < this.buffer.length && (this.buffer[start] === 0x0d || this.buffer[start] === 0x0a)) start++;
    if (start > 0) this.buffer = this.buffer.subarray(start);
  }
}

const CONTENT_LENGTH = /^(content-length|l)[ \t]*:[ \t]*(.*?)[ \t]*$/i;

/**
 * The body length from `Content-Length` or its compact form `l` (RFC 3261 §7.3.3, §20.14). Header names are
 * case-insensitive and may have white space before the colon (§7.3.1). Two different values are an error.
 */
function contentLength(head: string): number {
  let found: number | undefined;
  // Every line after the first, without splitting the head: only a line that starts with c or l can match (the
  // framer runs once per message on the lab's hot path, docs/design.md §10).
  for (let end = head.indexOf("\r\n"); end !== -1; ) {
    const start = end + 2;
    end = head.indexOf("\r\n", start);
    const first = head.charCodeAt(start) | 0x20;
    if (first !== 0x63 && first !== 0x6c) continue;
    const match = CONTENT_LENGTH.exec(head.slice(start, end === -1 ? head.length : end));
    if (!match) continue;
    const text = match[2] ?? "";
    if (!/^\d{1,10}$/.test(text)) {
      throw new FramingError("bad-content-length", `Content-Length is not a number: "${text.slice(0, 40)}"`);
    }
    const value = Number(text);
    if (found !== undefined && found !== value) {
      throw new FramingError("bad-content-length", `two different Content-Length values: ${found} and ${value}`);
    }
    found = value;
  }
  if (found === undefined) {
    // RFC 3261 §18.3 makes Content-Length mandatory on streams; without it the message boundary is unknown.
    // A message without one is taken as having no body, which is what most stacks do for bodiless requests.
    return 0;
  }
  return found;
}
