import { formatSipUriText, parseSipUriText } from "../../model/sip-uri-text.js";

export interface RedirectUriOptions {
  host: string;
  port: number;
  transport: "tcp" | "tls";
  /** behaviour.callRouter.contactTransport: `upper` writes transport=TCP / transport=TLS [OBS]. */
  spelling: "upper" | "lower";
}

/**
 * The Contact URI of Exchange's 302. docs/protocol.md §1 "The redirect chain", step 2: "Its Contact is the original
 * Request-URI with [OBS]: host replaced by the Mailbox server FQDN …; port set to 5062 (TCP) or 5063 (TLS);
 * `transport=TCP` or `transport=TLS` after how the call arrived; any `maddr` rewritten to the new host." Every
 * other part of the Request-URI (user, `opaque=app:voicemail`, other parameters) is kept as written. Returns null
 * when the Request-URI is not a SIP URI.
 */
export function redirectUri(requestUri: string, options: RedirectUriOptions): string | null {
  const uri = parseSipUriText(requestUri);
  if (uri === null) return null;
  const transport = options.spelling === "upper" ? options.transport.toUpperCase() : options.transport;
  let sawTransport = false;
  const params = uri.params.map(([name, value]): [string, string | null] => {
    const key = name.toLowerCase();
    if (key === "transport") {
      sawTransport = true;
      return [name, transport];
    }
    if (key === "maddr") return [name, options.host];
    return [name, value];
  });
  if (!sawTransport) params.unshift(["transport", transport]);
  return formatSipUriText({ ...uri, host: options.host, port: options.port, params });
}
