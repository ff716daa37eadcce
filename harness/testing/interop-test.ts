import t, { type Test } from "tap";
import { findPeerBinary, PEER_PACKAGES } from "./find-peer-binary.js";

/** Set to 1 by `npm run test:interop` (and `.ci/run`): interop tests run, and a missing peer fails them. */
export const INTEROP_ENV = "EXUM_INTEROP";

export function interopEnabled(): boolean {
  return process.env[INTEROP_ENV] === "1";
}

/**
 * A tap test against real peers (docs/peers.md). Without `EXUM_INTEROP=1` it is skipped with a message saying how to
 * run it; with it, a missing peer binary is a failure, never a skip — CI must not go green by not testing.
 *
 * @param binaries - the executables the test needs (`kamailio`, `baresip`, `sipsak`, `sipp`, `openssl`).
 */
export function interopTest(name: string, binaries: readonly string[], fn: (t: Test) => Promise<void>): void {
  if (!interopEnabled()) {
    const skip = `interop test: run it with \`npm run test:interop\` (${INTEROP_ENV}=1) once the peers of docs/peers.md are installed`;
    t.test(name, { skip }, async () => undefined);
    return;
  }
  t.test(name, async (t) => {
    const missing = binaries.filter((binary) => findPeerBinary(binary) === undefined);
    if (missing.length > 0) {
      const packages = missing.map((binary) => PEER_PACKAGES[binary] ?? binary).join(" ");
      t.fail(`missing interop peer(s): ${missing.join(", ")}; install with: apt-get install -y --no-install-recommends ${packages}`);
      return;
    }
    await fn(t);
  });
}
