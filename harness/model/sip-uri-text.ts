/** A SIP URI as written, split into its parts without normalising anything (RFC 3261 §19.1.1). */
export interface SipUriText {
  readonly scheme: string;
  /** The user part as written (with any user parameters), or null. */
  readonly user: string | null;
  readonly host: string;
  readonly port: number | null;
  /** URI parameters in order, names as written; value null for a flag. */
  readonly params: readonly (readonly [string, string | null])[];
  /** `?headers` as written, without the `?`, or null. */
  readonly headers: string | null;
}

const URI = /^(sips?):(?:([^@]+)@)?(\[[^\]]+\]|[^:;?]+)(?::(\d{1,5}))?((?:;[^;?]*)*)(?:\?(.*))?$/i;

/** Splits `sip:user@host:port;a=b;c?h=v`; null when it is not a sip:/sips: URI. */
export function parseSipUriText(text: string): SipUriText | null {
  const match = URI.exec(text.trim());
  if (match === null) return null;
  const params = (match[5] ?? "")
    .split(";")
    .filter((part) => part !== "")
    .map((part): [string, string | null] => {
      const eq = part.indexOf("=");
      return eq === -1 ? [part, null] : [part.slice(0, eq), part.slice(eq + 1)];
    });
  return {
    scheme: match[1] ?? "sip",
    user: match[2] ?? null,
    host: match[3] ?? "",
    port: match[4] === undefined ? null : Number(match[4]),
    params,
    headers: match[6] ?? null,
  };
}

export function formatSipUriText(uri: SipUriText): string {
  const user = uri.user === null ? "" : `${uri.user}@`;
  const port = uri.port === null ? "" : `:${uri.port}`;
  const params = uri.params.map(([name, value]) => (value === null ? `;${name}` : `;${name}=${value}`)).join("");
  return `${uri.scheme}:${user}${uri.host}${port}${params}${uri.headers === null ? "" : `?${uri.headers}`}`;
}

/** A parameter's value (name compared without case); undefined when absent, null for a flag. */
export function uriParam(uri: SipUriText, name: string): string | null | undefined {
  return uri.params.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

/** The user part without user parameters (`alice` of `alice;phone-context=x`). */
export function uriUser(uri: SipUriText): string | null {
  return uri.user === null ? null : (uri.user.split(";")[0] ?? uri.user);
}

/** The Request-URI exactly as the request line wrote it (sip.js re-renders it: docs/sipjs.md). */
export function rawRequestUri(raw: string): string {
  const line = raw.slice(0, Math.max(0, raw.indexOf("\r\n")) || raw.length);
  return line.split(" ")[1] ?? "";
}

/** The URI inside a name-addr (`"A" <sip:a@b>;tag=1` → `sip:a@b`) or the addr-spec before parameters. */
export function nameAddrUri(value: string): string | null {
  const bracketed = /<([^>]*)>/.exec(value)?.[1];
  if (bracketed !== undefined) return bracketed.trim();
  const bare = value.split(";")[0]?.trim();
  return bare === undefined || bare === "" ? null : bare;
}
