import { requirePeerBinary } from "./find-peer-binary.js";
import { LOOPBACK } from "./free-port.js";
import { runToCompletion, type RunResult } from "./run-to-completion.js";
import { firstFinalReply, type SipReply } from "./sip-status.js";

export interface SipsakOptionsRequest {
  /** Working folder (a temp folder). */
  readonly cwd: string;
  /** The server's port on 127.0.0.1. */
  readonly port: number;
  /** @defaultValue "tcp" */
  readonly transport?: "tcp" | "udp" | "tls";
  /** User part of the request URI. @defaultValue none (`sip:127.0.0.1:<port>`) */
  readonly user?: string;
  /** @defaultValue 10000 */
  readonly timeoutMs?: number;
  /** More sipsak flags, e.g. `["--tls-ca-cert", caPath]` for TLS. */
  readonly extraArgs?: readonly string[];
}

export interface SipsakResult extends RunResult {
  /** The final response sipsak printed, if any. */
  readonly reply: SipReply | undefined;
}

/**
 * One OPTIONS from sipsak 0.9.8.1 (`sipsak -vv --transport=tcp -s sip:127.0.0.1:<port>`), run to completion.
 * Exit code 0 means a 200 came back. Note: this sipsak cannot parse `;transport=tcp` after a port in the URI
 * ("string is not a number"), so the transport goes in `--transport`. docs/peers.md: no client certificate, no
 * TLS 1.3 reply handling.
 */
export async function runSipsakOptions(request: SipsakOptionsRequest): Promise<SipsakResult> {
  const uri = `sip:${request.user === undefined ? "" : `${request.user}@`}${LOOPBACK}:${request.port}`;
  const result = await runToCompletion({
    name: "sipsak",
    command: requirePeerBinary("sipsak"),
    args: [
      "-vv",
      `--transport=${request.transport ?? "tcp"}`,
      `--local-ip=${LOOPBACK}`,
      `--hostname=${LOOPBACK}`,
      ...(request.extraArgs ?? []),
      "-s",
      uri,
    ],
    cwd: request.cwd,
    timeoutMs: request.timeoutMs ?? 10_000,
  });
  return { ...result, reply: firstFinalReply(result.output) };
}
