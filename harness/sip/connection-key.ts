import { createHash } from "node:crypto";
import type { ProbeOptions } from "./probe-options.js";
import type { SipTarget } from "./sip-target.js";

/**
 * The connection a target's request goes on: where it connects (next hop, maddr or host), whom it verifies, the port
 * and the transport (RFC 3261 §19.1.1: maddr moves the connection, not the identity verified).
 */
export function targetConnectionKey(target: SipTarget): string {
  const verify = target.nextHop?.host ?? target.host;
  const connectTo = target.nextHop?.host ?? target.params.maddr ?? target.host;
  return `${connectTo.toLowerCase()}|${verify.toLowerCase()}|${target.nextHop?.port ?? target.port}|${target.transport}`;
}

/**
 * Who we are and whom we trust on a connection: the identity, the CAs, the TLS versions and `insecure`. Two probes
 * share a connection only when these match too (docs/design.md §10 "Connection reuse"). A digest, so no key text is
 * kept as a map key.
 */
export function settingsConnectionKey(options: Pick<ProbeOptions, "identity" | "caPem" | "insecure" | "minTlsVersion" | "maxTlsVersion">): string {
  const hash = createHash("sha256");
  for (const part of [options.identity?.certPem ?? "", options.identity?.keyPem ?? "", ...options.caPem]) hash.update(part).update("\0");
  hash.update(`${options.caPem.length}|${options.insecure === true}|${options.minTlsVersion ?? ""}|${options.maxTlsVersion ?? ""}`);
  return hash.digest("base64url");
}
