import { formatSipUriText, parseSipUriText } from "../../model/sip-uri-text.js";

export interface RedirectUriOptions {
  host: string;
  port: number;
  transport: "tcp" | "tls";
  /**
   * behaviour.callRouter.contactTransport: `capitalised` writes transport=Tcp / transport=Tls (the published
   * capture), `upper` TCP / TLS, `lower` tcp / tls.
   */
  spelling: "capitalised" | "upper" | "lower";
  /** behaviour.callRouter.contactTransportPosition: a transport parameter the URI lacked goes `last` (the capture) or `first`. */
  position?: "last" | "first";
  /** Add `maddr=<host>` after the transport when the URI has none (Exchange 2010, behaviour.callRouter.exchange2010Maddr). */
  addMaddr?: boolean;
}

/**
 * The Contact URI of Exchange's 302. docs/protocol.md §1 "The redirect chain", step 2: "Its Contact is the original
 * Request-URI with [OBS]: host replaced by the Mailbox server FQDN …; port set to 5062 (TCP) or 5063 (TLS); a
 * transport parameter after how the call arrived, *appended after the URI's existing parameters* and spelled
 * `transport=Tcp` / `transport=Tls` in the one published capture (Exchange 2010 SP1:
 * `<sip:101@pabx.local:5065;user=phone;transport=Tcp;maddr=pabx.local>`); any `maddr` rewritten to the new host
 * (Exchange 2010 added one)." Every other part of the Request-URI (user, `opaque=app:voicemail`, other parameters) is
 * kept as written, in its order. Returns null when the Request-URI is not a SIP URI.
 */
export function redirectUri(requestUri: string, options: RedirectUriOptions): string | null {
  const uri = parseSipUriText(requestUri);
  if (uri === null) return null;
  const transport = spell(options.transport, options.spelling);
  let sawTransport = false;
  let sawMaddr = false;
  const params = uri.params.map(([name, value]): [string, string | null] => {
    const key = name.toLowerCase();
    if (key === "transport") {
      sawTransport = true;
      return [name, transport];
    }
    if (key === "maddr") {
      sawMaddr = true;
      return [name, options.host];
    }
    return [name, value];
  });
  if (!sawTransport) {
    if ((options.position ?? "last") === "last") params.push(["transport", transport]);
    else params.unshift(["transport", transport]);
  }
  if (options.addMaddr === true && !sawMaddr) params.push(["maddr", options.host]);
  return formatSipUriText({ ...uri, host: options.host, port: options.port, params });
}

function spell(transport: "tcp" | "tls", spelling: RedirectUriOptions["spelling"]): string {
  if (spelling === "upper") return transport.toUpperCase();
  if (spelling === "lower") return transport;
  return transport.charAt(0).toUpperCase() + transport.slice(1);
}
