/**
 * The rewrites sip.js 0.21.2 needs to work over a stream in Node, all in one place, each tied to the trap in
 * docs/sipjs.md it works around. The trace records what crossed the wire (after outbound and before inbound
 * rewrites), never what sip.js saw.
 */

/**
 * Outbound requests: add our port to the top Via sent-by.
 * docs/sipjs.md trap 1: sip.js drops a response whose Via carries a port, so viaHost is set without one; but
 * RFC 3261 §18.2.2 has a server send responses on the connection, and a peer behind it may want the port.
 */
export function rewriteOutbound(message: string, options: { viaPort?: number | undefined }): string {
  if (options.viaPort === undefined || message.startsWith("SIP/2.0 ")) return message;
  const headEnd = message.indexOf("\r\n\r\n");
  const head = headEnd === -1 ? message : message.slice(0, headEnd);
  const rest = headEnd === -1 ? "" : message.slice(headEnd);
  const lines = head.split("\r\n");
  const index = lines.findIndex((line) => /^(via|v)\s*:/i.test(line));
  if (index === -1) return message;
  lines[index] = (lines[index] ?? "").replace(
    /^((?:via|v)\s*:\s*SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+\s+)([^;:,\s]+)(?=[;,\s]|$)/i,
    `$1$2:${options.viaPort}`,
  );
  return lines.join("\r\n") + rest;
}

/**
 * Inbound messages:
 * - responses: strip the port from the top Via sent-by (docs/sipjs.md trap 1, the other half of rewriteOutbound);
 * - every message: normalise `Content-Type: application/sdp; charset=…` or odd case to `application/sdp`
 *   (docs/sipjs.md trap 2: otherwise sip.js ignores the SDP, ACKs, then BYEs with cause 400).
 */
export function rewriteInbound(message: string): string {
  const headEnd = message.indexOf("\r\n\r\n");
  if (headEnd === -1) return message;
  const lines = message.slice(0, headEnd).split("\r\n");
  const isResponse = (lines[0] ?? "").startsWith("SIP/2.0 ");
  let viaDone = !isResponse;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (!viaDone && /^(via|v)\s*:/i.test(line)) {
      lines[i] = line.replace(
        /^((?:via|v)\s*:\s*SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+\s+)([^;:,\s[]+|\[[^\]]+\]):\d+/i,
        "$1$2",
      );
      viaDone = true;
    } else if (/^(content-type|c)\s*:\s*application\/sdp\b/i.test(line)) {
      lines[i] = "Content-Type: application/sdp";
    }
  }
  return lines.join("\r\n") + message.slice(headEnd);
}
