import { Core } from "sip.js";
import { hasField, parseSipMessage } from "./sip-message-parser.js";

/** What one framed message turned out to be. */
export type ParsedInbound =
  | { kind: "request"; message: Core.IncomingRequestMessage }
  | { kind: "response" }
  /** A request too broken to process; `reply` is the 400 to send when one can be built. */
  | { kind: "bad-request"; reply: string | null; why: string }
  /** Not SIP at all: nothing can be answered. */
  | { kind: "garbage"; why: string };

const REQUEST_LINE = /^([A-Za-z]+) (\S+) SIP\/2\.0$/;
/** Header names (and compact forms, RFC 3261 §7.3.3) copied into a 400. */
const COPIED: Readonly<Record<string, string>> = { via: "Via", v: "Via", from: "From", f: "From", to: "To", t: "To", "call-id": "Call-ID", i: "Call-ID", cseq: "CSeq" };

/**
 * Parses one framed message as sip.js's parser does (docs/sipjs.md: "`Core.Parser.parseMessage` parses one complete
 * message"; sip-message-parser.ts gives its result at a fraction of its cost) and checks what sip.js does not: RFC 3261 §8.1.1 "A valid SIP request formulated by a UAC MUST, at a
 * minimum, contain the following header fields: To, From, CSeq, Call-ID, Max-Forwards, and Via" (Max-Forwards is
 * not insisted on: Lync and Exchange peers always send it, and its absence is harmless here), with a numeric CSeq
 * whose method matches the request line. RFC 3261 §21.4.1: a request that fails this gets `400 Bad Request`,
 * built from the raw header lines when sip.js cannot parse them; nothing is sent for an ACK or for text that has
 * no request line and Via (no response could reach anyone).
 */
export function parseInbound(raw: string): ParsedInbound {
  let parsed: ReturnType<typeof parseSipMessage>;
  try {
    parsed = parseSipMessage(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed instanceof Core.IncomingResponseMessage) return { kind: "response" };
  if (parsed instanceof Core.IncomingRequestMessage) {
    const problem = missingHeader(parsed);
    if (problem === null) return { kind: "request", message: parsed };
    return badRequest(raw, problem);
  }
  return badRequest(raw, "the message could not be parsed as SIP");
}

function missingHeader(message: Core.IncomingRequestMessage): string | null {
  if (message.getHeaders("via").length === 0) return "no Via header";
  if (!hasField(message, "from") || message.getHeader("from") === undefined) return "no From header";
  if (!hasField(message, "to") || message.getHeader("to") === undefined) return "no To header";
  if (typeof message.callId !== "string" || message.callId === "") return "no Call-ID header";
  const cseq = /^(\d{1,10})\s+([A-Za-z]+)$/.exec((message.getHeader("cseq") ?? "").trim());
  if (cseq === null) return "no valid CSeq header";
  if (cseq[2]?.toUpperCase() !== message.method.toUpperCase()) return "the CSeq method differs from the request line";
  if (!hasField(message, "ruri")) return "the Request-URI is not a SIP URI";
  return null;
}

function badRequest(raw: string, why: string): ParsedInbound {
  const headerText = raw.split("\r\n\r\n")[0] ?? "";
  const [first = "", ...lines] = headerText.split(/\r?\n/);
  const requestLine = REQUEST_LINE.exec(first.trim());
  if (requestLine === null) return { kind: "garbage", why };
  if (requestLine[1]?.toUpperCase() === "ACK") return { kind: "bad-request", reply: null, why };
  const copied: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = COPIED[line.slice(0, colon).trim().toLowerCase()];
    if (name !== undefined) copied.push(`${name}: ${line.slice(colon + 1).trim()}`);
  }
  if (!copied.some((line) => line.startsWith("Via:"))) return { kind: "bad-request", reply: null, why };
  const reason = `Bad Request (${why})`.replace(/[\r\n]/g, " ");
  return { kind: "bad-request", reply: `SIP/2.0 400 ${reason}\r\n${copied.join("\r\n")}\r\nContent-Length: 0\r\n\r\n`, why };
}
