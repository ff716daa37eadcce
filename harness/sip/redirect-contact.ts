/**
 * The target a 3xx points at, read from the raw Contact header text.
 *
 * docs/sipjs.md: "Parse the redirect Contact from the raw header text: sip.js's URI parser replaces the host by any
 * `maddr` and lower-cases `transport=Tls`." So the URI is taken as the server wrote it; the caller parses it
 * with parseSipTarget. RFC 3261 §8.1.3.4: the client SHOULD try the Contact URIs in order of their q value.
 */
export interface RedirectContact {
  /** The URI between < and >, or the bare URI, as written. */
  readonly uri: string;
  /** q value, 1 when absent. */
  readonly q: number;
}

export function parseRedirectContacts(headerValues: readonly string[]): RedirectContact[] {
  const contacts: RedirectContact[] = [];
  for (const value of headerValues) {
    for (const entry of splitContacts(value)) {
      const parsed = parseOne(entry.trim());
      if (parsed) contacts.push(parsed);
    }
  }
  // Stable sort: higher q first, ties keep the order the server wrote.
  return contacts.map((c, i) => ({ c, i })).sort((a, b) => b.c.q - a.c.q || a.i - b.i).map(({ c }) => c);
}

function parseOne(entry: string): RedirectContact | undefined {
  if (entry === "" || entry === "*") return undefined;
  const angle = /<([^>]*)>(.*)$/.exec(entry);
  let uri: string;
  let headerParams: string;
  if (angle) {
    uri = (angle[1] ?? "").trim();
    headerParams = angle[2] ?? "";
  } else {
    // Without angle brackets, RFC 3261 §20.10: parameters after ; belong to the header, not the URI.
    const semi = entry.indexOf(";");
    uri = (semi === -1 ? entry : entry.slice(0, semi)).trim();
    headerParams = semi === -1 ? "" : entry.slice(semi);
  }
  if (!/^sips?:/i.test(uri)) return undefined;
  const qMatch = /;\s*q\s*=\s*([0-9.]+)/i.exec(headerParams);
  const q = qMatch ? Number(qMatch[1]) : 1;
  return { uri, q: Number.isFinite(q) ? q : 1 };
}

/** Splits a Contact value on commas outside <> and quotes. */
function splitContacts(value: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  let quoted = false;
  for (const c of value) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "<") depth++;
    else if (!quoted && c === ">") depth--;
    if (c === "," && depth === 0 && !quoted) {
      out.push(current);
      current = "";
    } else {
      current += c;
    }
  }
  out.push(current);
  return out;
}
