/** A SIP final response found in a tool's output: its status line and the message up to the blank line. */
export interface SipReply {
  readonly status: number;
  readonly reason: string;
  /** The status line and headers, CRLFs turned into LFs. */
  readonly text: string;
}

/**
 * The first final response (status ≥ 200) in `output` (sipsak's `-vv` dump, an `openssl s_client` transcript),
 * or `undefined`. Provisional responses are skipped.
 */
export function firstFinalReply(output: string): SipReply | undefined {
  const text = output.replace(/\r\n/g, "\n");
  const statusLine = /^SIP\/2\.0 ([2-6]\d\d) ?([^\n]*)$/m.exec(text);
  if (statusLine === null) return undefined;
  const end = text.indexOf("\n\n", statusLine.index);
  return {
    status: Number(statusLine[1]),
    reason: statusLine[2] ?? "",
    text: text.slice(statusLine.index, end === -1 ? undefined : end),
  };
}

/** The value of header `name` (case-insensitive, first occurrence) in a reply, or `undefined`. */
export function headerValue(reply: SipReply | undefined, name: string): string | undefined {
  if (reply === undefined) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}[ \\t]*:[ \\t]*(.*)$`, "im").exec(reply.text)?.[1]?.trim();
}
