import { isIP } from "node:net";
import { inputError } from "../errors/harness-error.js";
import { isLoopbackAddress } from "../model/loopback-address.js";

/** Where the Prometheus endpoint listens. */
export interface MetricsAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Reads `--metrics <addr:port>` (`127.0.0.1:9464`, `[::1]:9464`, or a bare port `9464` / `:9464` on 127.0.0.1).
 * The metrics name every server of the site, so an address other than loopback is refused unless `allowRemote`
 * (`--metrics-allow-remote`) says the exposure is meant: the default is loopback, as the issue asks.
 */
export function parseMetricsAddress(text: string, allowRemote: boolean): MetricsAddress {
  const bad = (message: string, hint = "e.g. --metrics 127.0.0.1:9464 or --metrics 9464") => inputError("EXUM_BAD_FLAG", `--metrics ${text}: ${message}`, { field: "--metrics", hint });
  const trimmed = text.trim();
  const match = /^(\d+)$/.exec(trimmed) ?? /^\[([0-9A-Fa-f:.]+)\]:(\d+)$/.exec(trimmed) ?? /^([^:[\]]*):(\d+)$/.exec(trimmed);
  if (match === null) throw bad("expected <address>:<port> or a port");
  const [host, portText] = match.length === 2 ? ["127.0.0.1", match[1] ?? ""] : [match[1] === "" ? "127.0.0.1" : (match[1] ?? ""), match[2] ?? ""];
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw bad(`${portText} is not a port (0-65535)`);
  if (isIP(host) === 0) throw bad(`${host} is not an IP address`, "give the address to listen on, e.g. 127.0.0.1:9464 (names are not resolved)");
  if (!isLoopbackAddress(host) && !allowRemote) {
    throw bad(`${host} is not a loopback address: the metrics name every server of the site`, "listen on 127.0.0.1 and let the Prometheus server scrape through a tunnel or proxy, or add --metrics-allow-remote");
  }
  return { host, port };
}
