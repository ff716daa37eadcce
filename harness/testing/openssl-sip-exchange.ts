import { randomBytes } from "node:crypto";
import { inputError } from "../errors/harness-error.js";
import { requirePeerBinary } from "./find-peer-binary.js";
import { LOOPBACK } from "./free-port.js";
import { PeerErrorCode } from "./peer-error-code.js";
import { spawnPeer, type PeerExit } from "./peer-process.js";
import { firstFinalReply, type SipReply } from "./sip-status.js";

export interface OpensslSipExchangeOptions {
  /** Working folder (a temp folder). */
  readonly cwd: string;
  /** The TLS server's port. */
  readonly port: number;
  /** The TLS server's loopback address (a lab server has its own, 127.a.b.x). @defaultValue "127.0.0.1" */
  readonly host?: string;
  /** Trust for the server (`-CAfile`, with `-verify_return_error`). */
  readonly caPath: string;
  /** Our client certificate and key; without them no certificate is sent. */
  readonly certPath?: string;
  readonly keyPath?: string;
  /** Offer only this TLS version. @defaultValue both 1.2 and 1.3 */
  readonly tlsVersion?: "1.2" | "1.3";
  /** The SIP request to send (CRLF line ends). @defaultValue {@link sipOptionsRequest} for `port` */
  readonly request?: string;
  /** Bound on the handshake and the answer. @defaultValue 5000 */
  readonly timeoutMs?: number;
}

export interface OpensslSipExchange {
  /** The first final response, when one came back. */
  readonly reply: SipReply | undefined;
  /** `Protocol version: TLSv1.3` of `-brief`, when the handshake completed on the client side. */
  readonly protocol: string | undefined;
  /** The TLS alert the server sent (`SSL alert number 116`), if any. */
  readonly alert: number | undefined;
  /** s_client's whole transcript (stderr summary, then what the server sent). */
  readonly output: string;
  readonly exit: PeerExit;
}

/**
 * Sends one SIP request through `openssl s_client` (a TLS client that is not Node's) and reads the first final
 * response, or how the server refused us. The request is written before the handshake ends; s_client sends it
 * once connected. docs/peers.md: under TLS 1.3 a missing or untrusted client certificate is refused only *after*
 * the client's handshake completes (alerts 116, 48); under TLS 1.2 during it (alert 40).
 */
export async function sipExchangeOverOpenssl(options: OpensslSipExchangeOptions): Promise<OpensslSipExchange> {
  if (options.host !== undefined && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(options.host)) {
    throw inputError(PeerErrorCode.BadOption, `host must be a loopback address (docs/peers.md), got ${JSON.stringify(options.host)}`, { field: "host", hint: "use a 127.x.y.z address, e.g. a lab server's" });
  }
  const args = ["s_client", "-connect", `${options.host ?? LOOPBACK}:${options.port}`, "-CAfile", options.caPath, "-verify_return_error", "-brief", "-noservername"];
  if (options.certPath !== undefined) args.push("-cert", options.certPath);
  if (options.keyPath !== undefined) args.push("-key", options.keyPath);
  if (options.tlsVersion !== undefined) args.push(options.tlsVersion === "1.2" ? "-tls1_2" : "-tls1_3");
  const peer = spawnPeer({ name: "openssl s_client", command: requirePeerBinary("openssl"), args, cwd: options.cwd, stdin: "pipe" });
  try {
    peer.write(options.request ?? sipOptionsRequest({ port: options.port, transport: "TLS" }));
    await peer.waitForLog(/SIP\/2\.0 [2-6]\d\d[^]*?\r?\n\r?\n/, options.timeoutMs ?? 5000);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== PeerErrorCode.Exited && code !== PeerErrorCode.NoLogLine) throw error;
  }
  const exit = await peer.stop();
  const output = peer.logs();
  const alert = /SSL alert number (\d+)/.exec(output)?.[1];
  return {
    reply: firstFinalReply(output),
    protocol: /^Protocol version: (\S+)/m.exec(output)?.[1],
    alert: alert === undefined ? undefined : Number(alert),
    output,
    exit,
  };
}

export interface SipOptionsRequestOptions {
  readonly port: number;
  readonly transport: "TLS" | "TCP";
  /** User part of the request URI and To. @defaultValue none (`sip:127.0.0.1:<port>`) */
  readonly toUser?: string;
  /** @defaultValue "exum" */
  readonly fromUser?: string;
}

/** A minimal, valid OPTIONS to 127.0.0.1:`port` with fresh tag, branch and Call-ID. */
export function sipOptionsRequest(options: SipOptionsRequestOptions): string {
  const id = randomBytes(6).toString("hex");
  const target = `${options.toUser === undefined ? "" : `${options.toUser}@`}${LOOPBACK}:${options.port}`;
  return [
    `OPTIONS sip:${target};transport=${options.transport.toLowerCase()} SIP/2.0`,
    `Via: SIP/2.0/${options.transport} ${LOOPBACK}:9;branch=z9hG4bK-${id};rport`,
    "Max-Forwards: 70",
    `From: <sip:${options.fromUser ?? "exum"}@${LOOPBACK}>;tag=${id}`,
    `To: <sip:${target}>`,
    `Call-ID: ${id}@${LOOPBACK}`,
    "CSeq: 1 OPTIONS",
    "Accept: application/sdp",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");
}
