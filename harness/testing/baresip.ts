import { inputError } from "../errors/harness-error.js";
import { BaresipLog } from "./baresip-log.js";
import { baresipConfig, type BaresipConfigOptions } from "./baresip-config.js";
import { requirePeerBinary } from "./find-peer-binary.js";
import { PeerErrorCode } from "./peer-error-code.js";
import { spawnPeer, type PeerExit, type PeerProcess } from "./peer-process.js";
import { writeFiles } from "./write-files.js";

export interface BaresipOptions extends BaresipConfigOptions {
  /** Bound on start-up (its TLS port accepting). @defaultValue 10000 */
  readonly readyTimeoutMs?: number;
  /**
   * Place one call at start-up, as the caller: `-e "/dial <uri>"` (the menu module's command). baresip appends the
   * account's `;transport=tls` to the URI, so leave the transport out. It follows 3xx redirects (docs/peers.md).
   * @defaultValue none (baresip only answers)
   */
  readonly dial?: string;
  /** Print every SIP message it sends and receives (`-s`), to read the wire from its log. @defaultValue false */
  readonly sipTrace?: boolean;
}

/** What a call looked like from baresip's side, read from its log. */
export interface BaresipCall {
  /** The caller's URI as baresip logged it. */
  readonly remote: string;
  /** The SDES suite when SRTP was negotiated (`AES_CM_128_HMAC_SHA1_80`), else `undefined` (plain RTP). */
  readonly srtpSuite: string | undefined;
}

export interface BaresipPeer {
  /** TLS on 127.0.0.1: `sipPort + 1`. */
  readonly tlsPort: number;
  /** TCP (and UDP) on 127.0.0.1: `sipPort`. */
  readonly tcpPort: number;
  /** The account over TLS: `sip:um@127.0.0.1:<tlsPort>;transport=tls`. */
  readonly uri: string;
  readonly process: PeerProcess;
  stop(): Promise<PeerExit>;
  logs(from?: number): string;
  /** Offset of the end of its log so far: take it before placing a call, then wait from it. */
  logOffset(): number;
  /** First match of `pattern` (see {@link BaresipLog}) at or after `from`, within `timeoutMs`. */
  waitForLog(pattern: RegExp, timeoutMs: number, from?: number): Promise<RegExpExecArray>;
  /** Waits for "Call established" after `from` and tells whether SRTP was negotiated for it. */
  waitForCallEstablished(timeoutMs: number, from?: number): Promise<BaresipCall>;
}

/**
 * Starts baresip as the answering peer of docs/peers.md (`baresip -f <dir> -v < /dev/null`, auto-answer, `mediaenc`
 * as asked), or as the caller with `dial`, and resolves once its TLS port accepts. A lenient peer: as a server it
 * never asks for a client certificate. Register `t.teardown(() => baresip.stop())` at once.
 */
export async function startBaresip(options: BaresipOptions): Promise<BaresipPeer> {
  const binary = requirePeerBinary("baresip");
  if (options.dial !== undefined && !/^sips?:[^\s]+$/.test(options.dial)) {
    throw inputError(PeerErrorCode.BadOption, `dial must be a SIP URI without spaces, got ${JSON.stringify(options.dial)}`, { field: "dial", hint: "e.g. sip:dp1@cas01.tukwila.contoso.com:5061" });
  }
  await writeFiles(options.dir, baresipConfig(options).files);
  const args = ["-f", options.dir, "-v", ...(options.sipTrace === true ? ["-s"] : []), ...(options.dial === undefined ? [] : ["-e", `/dial ${options.dial}`])];
  const peer = spawnPeer({ name: "baresip", command: binary, args, cwd: options.dir });
  const tlsPort = options.sipPort + 1;
  try {
    await peer.waitUntilReady({ tcpPort: tlsPort }, options.readyTimeoutMs ?? 10_000);
  } catch (error) {
    await peer.stop();
    throw error;
  }
  const user = options.user ?? "um";
  return {
    tlsPort,
    tcpPort: options.sipPort,
    uri: `sip:${user}@127.0.0.1:${tlsPort};transport=tls`,
    process: peer,
    stop: () => peer.stop(),
    logs: (from) => peer.logs(from),
    logOffset: () => peer.logOffset(),
    waitForLog: (pattern, timeoutMs, from) => peer.waitForLog(pattern, timeoutMs, from),
    waitForCallEstablished: async (timeoutMs, from = 0) => {
      const established = await peer.waitForLog(BaresipLog.established, timeoutMs, from);
      const suite = BaresipLog.srtpEnabled.exec(peer.logs(from));
      return { remote: established[1] ?? "", srtpSuite: suite?.[1] };
    },
  };
}
