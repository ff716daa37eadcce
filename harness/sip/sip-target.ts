import { isIP } from "node:net";
import { inputError } from "../errors/harness-error.js";

export type SignalingTransport = "tls" | "tcp";

/** Where a probe goes: the request URI and how to reach it. */
export interface SipTarget {
  /** The Request-URI sent, e.g. `sip:alice@contoso.com;transport=tls`. */
  readonly uri: string;
  readonly scheme: "sip" | "sips";
  readonly user: string | null;
  /** Host as written: an FQDN (verified against the certificate) or an IP literal (no brackets). */
  readonly host: string;
  readonly port: number;
  readonly transport: SignalingTransport;
  /** URI parameters other than transport, as written (`maddr`, `opaque`, …). */
  readonly params: Readonly<Record<string, string | null>>;
  /**
   * Where the request goes when that is not the Request-URI's host (`--next-hop`): the connection is made to this
   * FQDN and port and the certificate verified against it, while the Request-URI stays as given and no Route is
   * added. Lync sends `INVITE sip:alice@contoso.com;opaque=app:voicemail` over a TLS connection to the UM server's
   * FQDN (docs/protocol.md §1, §8); Exchange 2010 rejects a Route it did not ask for.
   */
  readonly nextHop?: { readonly host: string; readonly port: number };
}

/**
 * The target sent to a next hop apart from its host: the Request-URI exactly as written (`sip:alice@contoso.com;
 * opaque=app:voicemail`, no port or transport added, since those belong to the hop), checked by parseSipTarget.
 */
export function viaNextHop(text: string, nextHop: { host: string; port: number }): SipTarget {
  const parsed = parseSipTarget(text);
  const written = text.trim();
  return { ...parsed, uri: /^sips?:/i.test(written) ? written : `sip:${written}`, nextHop };
}

/** `--next-hop fqdn[:port]`: the port defaults to the target transport's (RFC 3261 §19.1.2: 5061 TLS, 5060 TCP). */
export function parseNextHop(text: string, transport: SignalingTransport, field = "--next-hop"): { host: string; port: number } {
  const parsed = parseSipTarget(`sip:${text.trim()};transport=${transport}`, field);
  if (parsed.user !== null || Object.keys(parsed.params).length > 0) {
    throw inputError("EXUM_BAD_TARGET", `${field} "${text}" is not a host[:port]`, { field, hint: "e.g. --next-hop cas01.tukwila.contoso.com or cas01.tukwila.contoso.com:5061" });
  }
  return { host: parsed.host, port: parsed.port };
}

/** RFC 3261 §19.1.2 defaults: 5060 for sip over TCP, 5061 for TLS (and sips). */
export const defaultPort: Record<SignalingTransport, number> = { tcp: 5060, tls: 5061 };

const HINT =
  "write a SIP URI (sip:[user@]host[:port];transport=tls|tcp, or sips:…) or host[:port], which means TLS on 5061";

/**
 * Parses a target as the CLI and scenario files give it: a SIP URI, or `host[:port]` meaning TLS (default port
 * 5061) since every server-to-server leg between Lync and Exchange UM is mutual TLS (docs/protocol.md §1).
 */
export function parseSipTarget(text: string, field = "target"): SipTarget {
  const trimmed = text.trim();
  const bad = (why: string) => inputError("EXUM_BAD_TARGET", `${field} "${text}": ${why}`, { field, hint: HINT });
  if (trimmed === "") throw bad("it is empty");
  const schemeMatch = /^(sips?):(.*)$/i.exec(trimmed);
  const scheme = (schemeMatch?.[1]?.toLowerCase() ?? "sip") as "sip" | "sips";
  let rest = schemeMatch ? (schemeMatch[2] ?? "") : trimmed;
  if (!schemeMatch && /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) throw bad("only sip: and sips: URIs are supported");

  const [addressPart = "", ...paramParts] = rest.split(";");
  rest = addressPart;
  const params: Record<string, string | null> = {};
  for (const part of paramParts) {
    if (part === "") throw bad("it has an empty ;parameter (two semicolons, or one at the end)");
    const eq = part.indexOf("=");
    const name = (eq === -1 ? part : part.slice(0, eq)).toLowerCase();
    params[name] = eq === -1 ? null : part.slice(eq + 1);
  }
  if (rest.includes("?")) throw bad("URI headers (?…) are not supported in a target");

  let user: string | null = null;
  const at = rest.lastIndexOf("@");
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (user === "") throw bad("the user part before @ is empty");
    // RFC 3261 §25.1: user = 1*( unreserved / escaped / user-unreserved ); an "@" in it must be escaped (%40).
    if (!/^(?:[A-Za-z0-9\-_.!~*'()&=+$,?/]|%[0-9A-Fa-f]{2})+$/.test(user)) throw bad(`the user part "${user}" has characters a SIP user cannot have (write @ as %40)`);
  }

  let host: string;
  let portText: string | undefined;
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (v6) {
    host = v6[1] ?? "";
    portText = v6[2];
    if (isIP(host) !== 6) throw bad(`"${host}" is not an IPv6 address`);
  } else {
    const parts = rest.split(":");
    if (parts.length > 2) throw bad("an IPv6 address must be written in brackets, e.g. [::1]:5061");
    host = parts[0] ?? "";
    portText = parts[1];
  }
  if (host === "" || !/^[A-Za-z0-9.:_-]+$/.test(host)) throw bad("the host is missing or has characters a host cannot have");
  host = isIP(host) ? host : host.toLowerCase();

  let transport: SignalingTransport;
  const transportParam = params.transport?.toLowerCase();
  delete params.transport;
  if (scheme === "sips") {
    if (transportParam !== undefined && transportParam !== "tls" && transportParam !== "tcp") {
      throw bad(`sips: needs TLS; transport=${transportParam} is not possible`);
    }
    transport = "tls";
  } else if (transportParam === undefined) {
    // A bare host:port means TLS; a sip: URI without transport also means TLS here, since a plain-TCP probe of
    // an Exchange server is the rarer, explicitly asked-for case (Unsecured dial plans).
    transport = "tls";
  } else if (transportParam === "tls" || transportParam === "tcp") {
    transport = transportParam;
  } else {
    throw bad(`transport=${transportParam} is not supported (use tls or tcp)`);
  }

  let port = defaultPort[transport];
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      throw bad(`port "${portText}" is not a number from 1 to 65535`);
    }
    port = Number(portText);
  }

  const hostText = isIP(host) === 6 ? `[${host}]` : host;
  const paramText = Object.entries(params)
    .map(([name, value]) => (value === null ? `;${name}` : `;${name}=${value}`))
    .join("");
  const uri = `${scheme}:${user === null ? "" : `${user}@`}${hostText}:${port}${scheme === "sips" ? "" : `;transport=${transport}`}${paramText}`;
  return { uri, scheme, user, host, port, transport, params };
}
