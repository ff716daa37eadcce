import { randomHex } from "../net/random-hex.js";
import type { CallRecord } from "./call-store.js";

export interface InDialogRequestSpec {
  /** e.g. BYE. */
  method: string;
  /** Our host for Via and From (the server's FQDN). */
  host: string;
  transport: "tcp" | "tls";
  /** Extra header lines, `Name: value`. */
  headers?: string[];
  /** Our User-Agent (docs/protocol.md §8: `MSExchangeUM/<version>`). */
  userAgent?: string;
}

/** The remote target of the dialog: the INVITE's Contact URI, else its From URI (RFC 3261 §12.1.1). */
function remoteTarget(call: CallRecord): string {
  const contact = call.invite.getHeader("contact") ?? "";
  const bracketed = /<([^>]+)>/.exec(contact)?.[1];
  const bare = contact.split(";")[0]?.trim();
  const from = /<([^>]+)>/.exec(call.invite.getHeader("from") ?? "")?.[1];
  return bracketed ?? (bare !== undefined && bare !== "" && bare !== "*" ? bare : (from ?? "sip:unknown.invalid"));
}

/**
 * A request the UAS side of a dialog sends (BYE when the worker ends a call): RFC 3261 §12.2.1.1 — "The URI in the
 * To field of the request MUST be set to the remote URI from the dialog state. The tag in the To header field … to
 * the remote tag … The From URI … set to the local URI … the tag … to the local tag … The Call-ID … MUST be set to
 * the Call-ID of the dialog … Requests within a dialog MUST contain strictly monotonically increasing and contiguous
 * CSeq sequence numbers … The UAC uses the remote target … as the Request-URI". Bumps `call.localCseq`.
 */
export function buildInDialogRequest(call: CallRecord, spec: InDialogRequestSpec): string {
  const to = call.invite.getHeader("from") ?? "";
  let from = call.invite.getHeader("to") ?? "";
  if (!/;\s*tag=/i.test(from)) from += `;tag=${call.localTag}`;
  const cseq = call.localCseq;
  call.localCseq += 1;
  const lines = [
    `${spec.method} ${remoteTarget(call)} SIP/2.0`,
    `Via: SIP/2.0/${spec.transport.toUpperCase()} ${spec.host};branch=z9hG4bK${randomHex(8)}`,
    "Max-Forwards: 70",
    `From: ${from}`,
    `To: ${to}`,
    `Call-ID: ${call.callId}`,
    `CSeq: ${cseq} ${spec.method}`,
    ...(spec.userAgent === undefined ? [] : [`User-Agent: ${spec.userAgent}`]),
    ...(spec.headers ?? []),
    "Content-Length: 0",
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}
