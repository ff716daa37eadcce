import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { internalError } from "../errors/harness-error.js";
import { PeerErrorCode } from "./peer-error-code.js";

/** The Debian package of each peer binary (docs/peers.md), for the "install it" hint. */
export const PEER_PACKAGES: Readonly<Record<string, string>> = {
  kamailio: "kamailio kamailio-tls-modules",
  baresip: "baresip-core",
  sipsak: "sipsak",
  sipp: "sip-tester",
  tshark: "tshark",
  openssl: "openssl",
};

/** Kamailio lives in /usr/sbin, which a non-root PATH often lacks. */
const SBIN_DIRS = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/** The absolute path of an executable `name` on PATH (or in an sbin folder), or `undefined`. */
export function findPeerBinary(name: string): string | undefined {
  const dirs = [...(process.env["PATH"] ?? "").split(delimiter).filter((dir) => dir !== ""), ...SBIN_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Like {@link findPeerBinary}, but a missing peer is an `EXUM_PEER_MISSING` error that says what to install. */
export function requirePeerBinary(name: string): string {
  const path = findPeerBinary(name);
  if (path !== undefined) return path;
  const pkg = PEER_PACKAGES[name] ?? name;
  throw internalError(PeerErrorCode.Missing, `the interop peer "${name}" is not installed (not on PATH, not in /usr/sbin)`, {
    hint: `install it with: apt-get install -y --no-install-recommends ${pkg} (see docs/peers.md), or run .ci/run as root`,
  });
}
