import { randomInt } from "node:crypto";
import { isIP } from "node:net";
import { inputError } from "../errors/harness-error.js";

/** Where our side of a call receives media, and how its o= line names the session. */
export interface LocalEndpointOptions {
  /** IPv4 or IPv6 address written in o= and c=. */
  address: string;
  /** The RTP port written in m=. */
  port: number;
  /** The o= sess-id. @defaultValue a random decimal number */
  sessionId?: string;
  /** The o= username. @defaultValue "exum" */
  userName?: string;
}

/** {@link LocalEndpointOptions} validated, with the defaults applied. */
export interface LocalEndpoint extends Required<LocalEndpointOptions> {
  /** 4 or 6, for `IN IP4` / `IN IP6`. */
  ipVersion: 4 | 6;
}

const DEFAULTS: Required<Pick<LocalEndpointOptions, "userName">> = { userName: "exum" };

const bad = (field: string, message: string, hint: string) => inputError("EXUM_SDP_BAD_OPTION", message, { field, hint });

/** Validates the endpoint options once and fills in the defaults; throws `EXUM_SDP_BAD_OPTION` naming the field. */
export function localEndpoint(options: LocalEndpointOptions): LocalEndpoint {
  const ipVersion = isIP(String(options.address));
  if (ipVersion !== 4 && ipVersion !== 6) {
    const message = `address ${JSON.stringify(options.address)} is not an IPv4 or IPv6 address`;
    throw bad("address", message, "give the address media is received on, e.g. 127.0.0.1 or ::1");
  }
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
    throw bad("port", `port ${JSON.stringify(options.port)} is not a UDP port`, "give the RTP port, an integer from 1 to 65535");
  }
  // RFC 4566 §5.2: <sess-id> is a numeric string; sdp-transform reads it as digits only.
  const sessionId = options.sessionId ?? String(randomInt(1, 2 ** 47));
  if (!/^\d{1,20}$/.test(sessionId)) {
    throw bad("sessionId", `sessionId ${JSON.stringify(sessionId)} is not a decimal number`, "give digits only, e.g. 1234567890");
  }
  // RFC 4566 §5.2: <username> "MUST NOT contain spaces".
  const userName = options.userName ?? DEFAULTS.userName;
  if (!/^\S+$/.test(userName)) {
    throw bad("userName", `userName ${JSON.stringify(userName)} is empty or has spaces`, 'give one word, e.g. "exum" or "-"');
  }
  return { address: options.address, port: options.port, sessionId, userName, ipVersion };
}
