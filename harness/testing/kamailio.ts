import { existsSync } from "node:fs";
import { join } from "node:path";
import { internalError } from "../errors/harness-error.js";
import { requirePeerBinary } from "./find-peer-binary.js";
import { kamailioConfig, type KamailioConfigOptions } from "./kamailio-config.js";
import { PeerErrorCode } from "./peer-error-code.js";
import { spawnPeer, type PeerExit, type PeerProcess } from "./peer-process.js";
import { runToCompletion } from "./run-to-completion.js";
import { writeFiles } from "./write-files.js";

export interface KamailioOptions extends KamailioConfigOptions {
  /** Bound on start-up (config check, then both listeners accepting). @defaultValue 10000 */
  readonly readyTimeoutMs?: number;
}

export interface KamailioPeer {
  /** The TLS port on 127.0.0.1. */
  readonly port: number;
  /** The TCP port, when one was asked for. */
  readonly tcpPort: number | undefined;
  readonly process: PeerProcess;
  /** SIGTERM → SIGKILL on its process group; safe to call twice. */
  stop(): Promise<PeerExit>;
  /** Its retained output (debug=2 log on stderr). */
  logs(): string;
}

/** Where Debian puts Kamailio's modules, per architecture. */
const MODULE_DIRS = [
  "/usr/lib/x86_64-linux-gnu/kamailio/modules",
  "/usr/lib/aarch64-linux-gnu/kamailio/modules",
  "/usr/lib64/kamailio/modules",
  "/usr/lib/kamailio/modules",
];

/** The folder holding Kamailio's `tls.so`, or an `EXUM_PEER_MISSING` error naming the package. */
export function findKamailioModules(): string {
  const dir = MODULE_DIRS.find((candidate) => existsSync(join(candidate, "tls.so")));
  if (dir !== undefined) return dir;
  throw internalError(PeerErrorCode.Missing, `Kamailio's tls module (tls.so) is not in ${MODULE_DIRS.join(", ")}`, {
    hint: "install it with: apt-get install -y --no-install-recommends kamailio-tls-modules (see docs/peers.md)",
  });
}

/**
 * Starts Kamailio as the strict mutual-TLS Call Router stand-in of docs/peers.md, with its config, keys and working
 * directory in `options.dir`: checks the config with `kamailio -c` first (its error becomes
 * `EXUM_PEER_BAD_CONFIG`), runs `kamailio -DD -E -w <dir> -f <dir>/kamailio.cfg -m 64 -M 8` with core dumps off,
 * and resolves once its listeners accept. Register `t.teardown(() => kamailio.stop())` at once.
 *
 * docs/peers.md: it "crashes under many *new* TLS connections per second": keep one persistent connection and modest
 * rates.
 */
export async function startKamailio(options: KamailioOptions): Promise<KamailioPeer> {
  const binary = requirePeerBinary("kamailio");
  const config = kamailioConfig(options, findKamailioModules());
  await writeFiles(options.dir, config.files);
  const cfgPath = join(options.dir, "kamailio.cfg");
  const timeoutMs = options.readyTimeoutMs ?? 10_000;

  const check = await runToCompletion({
    name: "kamailio -c",
    command: binary,
    args: ["-c", "-f", cfgPath],
    cwd: options.dir,
    env: config.env,
    timeoutMs,
  });
  if (check.code !== 0 || check.timedOut) {
    throw internalError(PeerErrorCode.BadConfig, `kamailio -c rejected ${cfgPath}:\n${check.output.trim()}`, {
      file: cfgPath,
      hint: "the config is written by harness/testing/kamailio-config.ts; check the options given to startKamailio",
    });
  }

  const peer = spawnPeer({
    name: "kamailio",
    command: binary,
    args: ["-DD", "-E", "-w", options.dir, "-f", cfgPath, "-m", "64", "-M", "8"],
    cwd: options.dir,
    env: config.env,
  });
  try {
    const deadline = Date.now() + timeoutMs;
    await peer.waitUntilReady({ tcpPort: options.tlsPort }, timeoutMs);
    if (options.tcpPort !== undefined) {
      await peer.waitUntilReady({ tcpPort: options.tcpPort }, Math.max(1, deadline - Date.now()));
    }
  } catch (error) {
    await peer.stop();
    throw error;
  }
  return {
    port: options.tlsPort,
    tcpPort: options.tcpPort,
    process: peer,
    stop: () => peer.stop(),
    logs: () => peer.logs(),
  };
}
