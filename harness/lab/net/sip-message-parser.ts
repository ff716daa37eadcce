import { Core, Grammar, type URI } from "sip.js";

/**
 * sip.js's `Core.Parser.parseMessage`, made cheap for the lab's hot path without changing what it produces.
 *
 * Profiling the lab under pipelined OPTIONS (docs/design.md §10) put about half of its CPU in sip.js's grammar: one
 * full PEG parse of the request line and of each of Via, From, To, Call-ID, CSeq, Content-Length and Max-Forwards
 * per message, each run building the grammar's constant table again. Those headers differ between messages of one
 * peer only in the tokens that make every message unique (Via `branch`, From/To `tag`), so this parser:
 * - walks the headers exactly as `parseMessage` does (`Core.Parser.getHeader`, the same name/value split and
 *   headers map) and hands every header it does not know here to `Core.Parser.parseHeader` (sip.js's own code);
 * - checks a Via, From or To by its **shape** — the value with that one token replaced by `x` — with sip.js's grammar
 *   once per shape, remembered in a bounded memo. A shape is taken only where the token is the whole text that
 *   the grammar reads as `token` there (`via_branch = "branch"i EQUAL token`, `tag_param = "tag"i EQUAL token`):
 *   one `branch` in a Via with one via-parm and no quotes; one `tag` after the only `<…>` of a From/To with no
 *   quotes after it. Parsing is ordered and deterministic, so the grammar accepts the value exactly when it accepts
 *   the shape; anything else goes to the grammar as before;
 * - checks Call-ID, CSeq, Content-Length, Max-Forwards and `Content-Type: application/sdp` against the grammar's
 *   own rules written as regular expressions (`Call_ID = word ( "@" word )?`, `Content_Length = DIGIT+`…);
 * - remembers the request line (same memo), and parses the objects that need the grammar (`ruri`, `from`, `to`,
 *   `via`) only when read: the lab reads the strings (`callId`, `toTag`, `getHeader`), rarely those objects.
 *
 * sip-message-parser.test.ts compares it with `parseMessage` field by field over real and broken messages.
 */
export function parseSipMessage(data: string): Core.IncomingRequestMessage | Core.IncomingResponseMessage | undefined {
  let headerEnd = data.indexOf("\r\n");
  if (headerEnd === -1) return undefined;
  const firstLine = data.substring(0, headerEnd);
  const line = requestLine(firstLine);
  // A response, or a first line sip.js cannot parse: sip.js decides (the lab ignores responses).
  if (line === null) return Core.Parser.parseMessage(data, quiet);
  const message = new ShapedRequestMessage(firstLine);
  message.method = line.method;
  if (line.sipUri) message.pending("ruri"); // else undefined, as parseMessage leaves it for a tel: or other URI
  message.data = data;
  let headerStart = headerEnd + 2;
  let bodyStart: number;
  for (;;) {
    headerEnd = endOfHeader(data, headerStart);
    if (headerEnd === -2) {
      bodyStart = headerStart + 2;
      break;
    }
    if (headerEnd === -1) return undefined; // "malformed message"
    if (!parseHeader(message, data, headerStart, headerEnd)) return undefined;
    headerStart = headerEnd + 2;
  }
  // As parseMessage: RFC 3261 §18.3, bytes beyond Content-Length are discarded.
  const length = message.getHeader("content-length");
  message.body = length !== undefined ? data.substr(bodyStart, Number(length)) : data.substring(bodyStart);
  return message;
}

/**
 * `Core.Parser.getHeader` without its per-line substrings: where the header at `start` ends (before its CRLF; a
 * line that starts with white space continues it), -2 at the empty line that ends the headers, -1 without a CRLF.
 */
function endOfHeader(data: string, start: number): number {
  if (data.startsWith("\r\n", start)) return -2;
  for (;;) {
    const end = data.indexOf("\r\n", start);
    if (end === -1) return -1;
    if (!data.startsWith("\r\n", end + 2) && /^\s/.test(data.charAt(end + 2))) start = end + 2;
    else return end;
  }
}

/**
 * Whether a field parseMessage sets (`ruri`, `from`, `to`) is there, without parsing it: true for a field this
 * parser will parse when read, and for a value that is set.
 */
export function hasField(message: Core.IncomingRequestMessage, field: "ruri" | "from" | "to"): boolean {
  return message instanceof ShapedRequestMessage ? message.has(field) : message[field] !== undefined;
}

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined, debug: () => undefined } as unknown as Parameters<typeof Core.Parser.parseMessage>[1];

/** A bounded memo: emptied when full (one lab's peers send few shapes; a peer that varies them only costs parses). */
class Memo<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly limit: number) {}
  get(key: string, compute: () => V): V {
    let value = this.#entries.get(key);
    if (value === undefined) {
      value = compute();
      if (this.#entries.size >= this.limit) this.#entries.clear();
      this.#entries.set(key, value);
    }
    return value;
  }
}

const MEMO_SIZE = 1024;
/** The header names `Core.Parser.parseHeader` parses (every other one it only stores). */
const SIPJS_PARSES = new Set(["via", "v", "from", "f", "to", "t", "record-route", "call-id", "i", "contact", "m", "content-length", "l", "content-type", "c", "cseq", "max-forwards", "www-authenticate", "proxy-authenticate", "refer-to", "r"]);
const lines = new Memo<{ method: string; sipUri: boolean } | null>(MEMO_SIZE);
const shapes = { Via: new Memo<boolean>(MEMO_SIZE), From: new Memo<boolean>(MEMO_SIZE), To: new Memo<boolean>(MEMO_SIZE) };

/** The method and whether the Request-URI is a SIP URI, of a request line sip.js accepts; null otherwise. */
function requestLine(firstLine: string): { method: string; sipUri: boolean } | null {
  return lines.get(firstLine, () => {
    const parsed = Grammar.parse(firstLine, "Request_Response") as -1 | { method?: string; uri?: unknown; status_code?: number };
    if (parsed === -1 || parsed.status_code !== undefined || parsed.method === undefined) return null;
    return { method: parsed.method, sipUri: parsed.uri !== undefined };
  });
}

/** Whether sip.js's grammar accepts `value` as header `rule` (what `IncomingMessage.parseHeader` asks it). */
function grammarAccepts(value: string, rule: "Via" | "From" | "To"): boolean {
  return Grammar.parse(value, rule) !== -1;
}

/** The grammar's `token` (RFC 3261 §25.1). */
const TOKEN = "[A-Za-z0-9\\-.!%*_+`'~]+";
/** `Call_ID = word ( "@" word )?` of the grammar. */
const CALL_ID = /^[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+(?:@[A-Za-z0-9\-.!%*_+`'~()<>:\\"/[\]?{}]+)?$/;
const DIGITS = /^[0-9]+$/;
/** `CSeq = CSeq_value LWS CSeq_method` on one line. */
const CSEQ = new RegExp(`^([0-9]+)[ \\t]+(${TOKEN})$`);
/** The grammar's `Method` alternatives, tried in this order before `extension_method = token`. */
const LITERAL_METHODS = ["INVITE", "ACK", "OPTIONS", "BYE", "CANCEL", "REGISTER", "SUBSCRIBE", "PUBLISH", "NOTIFY", "REFER", "UPDATE"];

/**
 * Whether the grammar's `Method` takes all of `method`: a literal alternative that matches only a prefix wins the
 * ordered choice and leaves the rest unparsed (so `INVITEX` fails while `INFO` is an extension method).
 */
function wholeMethod(method: string): boolean {
  const literal = LITERAL_METHODS.find((candidate) => method.startsWith(candidate));
  return literal === undefined || literal === method;
}

/** A value with its one unique token replaced by `x`, and that token. */
interface Shape {
  readonly shape: string;
  readonly token: string | undefined;
}

function masked(value: string, match: RegExpExecArray, offset: number): Shape {
  const token = match[1] as string;
  const start = offset + match.index + match[0].length - token.length;
  return { shape: `${value.slice(0, start)}x${value.slice(start + token.length)}`, token };
}

const BRANCH_PARAM = new RegExp(`;[ \\t]*branch[ \\t]*=[ \\t]*(${TOKEN})`, "i");
const TAG_PARAM = new RegExp(`;[ \\t]*tag[ \\t]*=[ \\t]*(${TOKEN})`, "i");
/**
 * Every place a parameter named `branch` / `tag` can start (after `;` and white space, not followed by a token
 * character): a second one, or one without a value, leaves the value to the grammar. A `tag` inside another
 * parameter's value (SIPp's `tag=1SIPpTag01`) is not one.
 */
const BRANCH_NAME = /;[ \t]*branch(?![A-Za-z0-9\-.!%*_+`'~])/gi;
const TAG_NAME = /;[ \t]*tag(?![A-Za-z0-9\-.!%*_+`'~])/gi;
const VIA_UNSHAPED = /[",\r\n]/;
const LINE_BREAK = /[\r\n]/;

/** How often `word` (a global regular expression) occurs in `text`. */
function mentions(text: string, word: RegExp): number {
  word.lastIndex = 0;
  let count = 0;
  while (word.test(text)) count += 1;
  return count;
}

/** The shape of a Via with one via-parm and one `branch`; null when it is not that simple. */
function viaShape(value: string): Shape | null {
  if (VIA_UNSHAPED.test(value)) return null;
  const match = BRANCH_PARAM.exec(value);
  if (match === null || mentions(value, BRANCH_NAME) !== 1) return null;
  return masked(value, match, 0);
}

/** The shape of a `[display-name] <URI> *(;param)` From/To with at most one `tag`; null when it is not that simple. */
function tagShape(value: string): Shape | null {
  if (LINE_BREAK.test(value)) return null;
  const open = value.indexOf("<");
  const close = value.indexOf(">");
  if (open === -1 || close < open || value.indexOf("<", open + 1) !== -1 || value.indexOf(">", close + 1) !== -1) return null;
  const params = value.slice(close + 1);
  if (params.includes('"')) return null;
  const tags = mentions(params, TAG_NAME);
  if (tags === 0) return { shape: value, token: undefined };
  const match = TAG_PARAM.exec(params);
  if (match === null || tags !== 1) return null;
  return masked(value, match, close + 1);
}

function acceptedShape(value: string, rule: "Via" | "From" | "To"): Shape | null {
  const shape = rule === "Via" ? viaShape(value) : tagShape(value);
  if (shape === null) return null;
  return shapes[rule].get(shape.shape, () => grammarAccepts(shape.shape, rule)) ? shape : null;
}

/** A field that is there and will be parsed when first read. */
const PENDING: unique symbol = Symbol("parsed when read");
type LazyField = "ruri" | "from" | "to" | "via";
const LAZY_FIELDS: readonly LazyField[] = ["ruri", "from", "to", "via"];

/**
 * The request this parser makes: a sip.js `IncomingRequestMessage` (instanceof holds, every method is sip.js's) whose
 * `ruri`, `from`, `to` and `via` are parsed by sip.js's grammar when first read (accessors on the prototype, so a
 * message costs no closures), and whose header names go through sip.js's `headerize` once per spelling.
 */
class ShapedRequestMessage extends Core.IncomingRequestMessage {
  /** Each lazy field: undefined (absent, as parseMessage leaves it), PENDING, or its value. */
  readonly #fields: Record<LazyField, unknown> = { ruri: undefined, from: undefined, to: undefined, via: undefined };
  readonly #firstLine: string;

  constructor(firstLine: string) {
    super();
    this.#firstLine = firstLine;
  }

  /** Marks a field as there, to be parsed when read. */
  pending(field: LazyField): void {
    this.#fields[field] = PENDING;
  }

  has(field: LazyField): boolean {
    return this.#fields[field] !== undefined;
  }

  read(field: LazyField): unknown {
    let value = this.#fields[field];
    if (value === PENDING) {
      value = field === "ruri" ? (Grammar.parse(this.#firstLine, "Request_Response") as { uri: URI }).uri : this.parseHeader(field);
      this.#fields[field] = value;
    }
    return value;
  }

  write(field: LazyField, value: unknown): void {
    this.#fields[field] = value;
  }

  override addHeader(name: string, value: string): void {
    const key = canonical(name);
    const headers = this.headers as Record<string, { raw: string }[]>;
    const list = headers[key];
    if (list === undefined) headers[key] = [{ raw: value }];
    else list.push({ raw: value });
  }

  override setHeader(name: string, value: string): void {
    (this.headers as Record<string, { raw: string }[]>)[canonical(name)] = [{ raw: value }];
  }

  override getHeader(name: string): string | undefined {
    return (this.headers as Record<string, { raw: string }[] | undefined>)[canonical(name)]?.[0]?.raw;
  }

  override getHeaders(name: string): string[] {
    const list = (this.headers as Record<string, { raw: string }[] | undefined>)[canonical(name)];
    return list === undefined ? [] : list.map((header) => header.raw);
  }

  override hasHeader(name: string): boolean {
    return (this.headers as Record<string, unknown>)[canonical(name)] !== undefined;
  }
}
for (const field of LAZY_FIELDS) {
  Object.defineProperty(ShapedRequestMessage.prototype, field, {
    get(this: ShapedRequestMessage) {
      return this.read(field);
    },
    set(this: ShapedRequestMessage, value: unknown) {
      this.write(field, value);
    },
    enumerable: true,
    configurable: true,
  });
}

/** sip.js's `headerize` of a header name (a probe message asks it), remembered per spelling. */
const canonicalNames = new Map<string, string>();
const probe = new Core.IncomingRequestMessage();
function canonical(name: string): string {
  let key = canonicalNames.get(name);
  if (key === undefined) {
    probe.headers = {};
    probe.addHeader(name, "");
    key = Object.keys(probe.headers)[0] as string;
    if (canonicalNames.size >= MEMO_SIZE) canonicalNames.clear();
    canonicalNames.set(name, key);
  }
  return key;
}

/**
 * One header, as `Core.Parser.parseHeader` would take it; false where that would fail the message. The headers this
 * parser knows are stored under the names sip.js's `headerize` gives them.
 */
function parseHeader(message: ShapedRequestMessage, data: string, headerStart: number, headerEnd: number): boolean {
  const colon = data.indexOf(":", headerStart);
  const name = data.substring(headerStart, colon).trim().toLowerCase();
  const value = data.substring(colon + 1, headerEnd).trim();
  const headers = message.headers as Record<string, { raw: string }[]>;
  if (!SIPJS_PARSES.has(name)) {
    message.addHeader(name, value); // as parseMessage: "Do not parse this header"
    return true;
  }
  switch (name) {
    case "via":
    case "v": {
      const first = headers["Via"] === undefined;
      const shape = first ? acceptedShape(value, "Via") : null;
      if (first && shape === null) break;
      if (!first) {
        (headers["Via"] as { raw: string }[]).push({ raw: value }); // sip.js parses only the first Via
        return true;
      }
      headers["Via"] = [{ raw: value }];
      message.pending("via");
      message.viaBranch = shape?.token as string;
      return true;
    }
    case "from":
    case "f":
    case "to":
    case "t": {
      const rule = name === "from" || name === "f" ? "From" : "To";
      const shape = acceptedShape(value, rule);
      if (shape === null) break;
      headers[rule] = [{ raw: value }];
      if (rule === "From") {
        message.pending("from");
        message.fromTag = shape.token as string;
      } else {
        message.pending("to");
        message.toTag = shape.token as string;
      }
      return true;
    }
    case "call-id":
    case "i":
      if (!CALL_ID.test(value)) break;
      headers["Call-ID"] = [{ raw: value }];
      message.callId = value;
      return true;
    case "cseq": {
      const cseq = CSEQ.exec(value);
      if (cseq === null || !wholeMethod(cseq[2] as string)) break;
      headers["CSeq"] = [{ raw: value }];
      message.cseq = parseInt(cseq[1] as string, 10);
      return true;
    }
    case "content-length":
    case "l":
    case "max-forwards":
      if (!DIGITS.test(value)) break;
      headers[name === "max-forwards" ? "Max-Forwards" : "Content-Length"] = [{ raw: value }];
      return true;
    case "content-type":
    case "c":
      // media_type = m_type SLASH m_subtype: "application"i, then a token.
      if (value.toLowerCase() !== "application/sdp") break;
      headers["Content-Type"] = [{ raw: value }];
      return true;
  }
  return Core.Parser.parseHeader(message, data, headerStart, headerEnd) === true;
}
