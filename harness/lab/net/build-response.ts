import { randomHex } from "./random-hex.js";
import type { Core } from "sip.js";

export interface ResponseSpec {
  status: number;
  reason: string;
  /** Extra header lines, `Name: value`. */
  headers?: string[];
  body?: string;
  contentType?: string;
  /** To-tag for a dialog-creating answer; a fresh one when omitted on a request without one. */
  toTag?: string;
}

/**
 * A response to a request, stateless: RFC 3261 §8.2.6.2 — "The From field of the response MUST equal the
 * From header field of the request. The Call-ID … MUST equal … The CSeq … MUST equal … The Via header field
 * values in the response MUST equal the Via header field values in the request and MUST maintain the same
 * ordering." A To tag is added unless the request had one (§8.2.6.2; 100 Trying excepted).
 */
export function buildResponse(request: Core.IncomingRequestMessage, spec: ResponseSpec): string {
  const lines = [`SIP/2.0 ${spec.status} ${spec.reason}`];
  for (const via of request.getHeaders("via")) lines.push(`Via: ${via}`);
  lines.push(`From: ${request.getHeader("from") ?? ""}`);
  let to = request.getHeader("to") ?? "";
  if (spec.status !== 100 && !/;\s*tag=/i.test(to)) to += `;tag=${spec.toTag ?? randomHex(6)}`;
  lines.push(`To: ${to}`);
  lines.push(`Call-ID: ${request.callId}`);
  lines.push(`CSeq: ${request.getHeader("cseq") ?? ""}`);
  lines.push(...(spec.headers ?? []));
  const body = spec.body ?? "";
  if (body !== "") lines.push(`Content-Type: ${spec.contentType ?? "application/sdp"}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
