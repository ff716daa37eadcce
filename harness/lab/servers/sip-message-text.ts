/**
 * A SIP message as a proxy edits it: the start line, the header lines in order, the body. RFC 3261 §16.6: a proxy
 * copies the request and changes only what it must (Request-URI, Max-Forwards, Via, Record-Route, Route); §16.7 step 3:
 * it removes its own top Via from a response before passing it on. Header lines are kept as written; Content-Length is
 * written again from the body.
 */
export interface SipMessageText {
  startLine: string;
  headers: string[];
  body: string;
}

const COMPACT: Readonly<Record<string, string>> = { v: "via", f: "from", t: "to", i: "call-id", m: "contact", l: "content-length", c: "content-type", k: "supported" };

/** The canonical lower-case name of a header line (compact forms expanded, RFC 3261 §7.3.3). */
export function headerName(line: string): string {
  const name = line.slice(0, Math.max(0, line.indexOf(":"))).trim().toLowerCase();
  return COMPACT[name] ?? name;
}

/** Splits a framed message; folded continuation lines (RFC 3261 §7.3.1) are joined to their header. */
export function splitMessage(raw: string): SipMessageText {
  const end = raw.indexOf("\r\n\r\n");
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end + 4);
  const [startLine = "", ...lines] = head.split("\r\n");
  const headers: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += ` ${line.trim()}`;
    else if (line !== "") headers.push(line);
  }
  return { startLine, headers, body };
}

/** Writes the message back, with a Content-Length for its body. */
export function joinMessage(message: SipMessageText): string {
  const headers = message.headers.filter((line) => headerName(line) !== "content-length");
  headers.push(`Content-Length: ${Buffer.byteLength(message.body)}`);
  return `${[message.startLine, ...headers].join("\r\n")}\r\n\r\n${message.body}`;
}

/** The values of one header (comma-separated values of one line stay one value: enough for the headers read here). */
export function headerValues(message: SipMessageText, name: string): string[] {
  return message.headers.filter((line) => headerName(line) === name).map((line) => line.slice(line.indexOf(":") + 1).trim());
}

/** Removes every line of a header. */
export function withoutHeader(message: SipMessageText, name: string): SipMessageText {
  return { ...message, headers: message.headers.filter((line) => headerName(line) !== name) };
}

/**
 * Removes the top Via value when it carries `branch` (ours), RFC 3261 §16.7 step 3; null when the top Via is not ours
 * (the response was not for a request we sent).
 */
export function withoutTopVia(message: SipMessageText, branch: string): SipMessageText | null {
  const index = message.headers.findIndex((line) => headerName(line) === "via");
  if (index === -1) return null;
  const line = message.headers[index] ?? "";
  const values = line.slice(line.indexOf(":") + 1).split(",");
  if (!(values[0] ?? "").includes(`branch=${branch}`)) return null;
  const headers = [...message.headers];
  if (values.length === 1) headers.splice(index, 1);
  else headers[index] = `Via: ${values.slice(1).join(",").trim()}`;
  return { ...message, headers };
}

/** The branch of the top Via, or null. */
export function topViaBranch(message: SipMessageText): string | null {
  const [via] = headerValues(message, "via");
  return /;\s*branch=([^;,\s]+)/i.exec(via ?? "")?.[1] ?? null;
}
