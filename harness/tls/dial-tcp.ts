import { connect, type Socket } from "node:net";
import { captureFlow, captureTcpWrites } from "./capture-flow.js";
import { classifyTlsFailure } from "./classify-tls-failure.js";
import { DialTimeoutError } from "./dial-timeout-error.js";
import { validateDialOptions, type DialTcpOptions } from "./dial-options.js";
import type { DialResult } from "./dial-result.js";
import { emptyEvidence } from "./empty-evidence.js";
import { type EndpointEvidence } from "../model/tls-evidence.js";
import type { TlsFailure } from "../model/tls-failure.js";

/** The error an aborted attempt is classified from. */
export function abortError(): Error {
  return Object.assign(new Error("the attempt was cancelled"), { name: "AbortError", code: "ABORT_ERR" });
}

export function endpointsOf(socket: Socket): EndpointEvidence {
  return {
    localAddress: socket.localAddress ?? null,
    localPort: socket.localPort ?? null,
    remoteAddress: socket.remoteAddress ?? null,
    remotePort: socket.remotePort ?? null,
  };
}

export type TcpConnectOutcome = { ok: true; socket: Socket; connectedAt: number } | { ok: false; failure: TlsFailure };

/** Connects TCP within `connectTimeoutMs`, or fails with a classified reason. Never rejects. */
export function connectTcp(options: DialTcpOptions): Promise<TcpConnectOutcome> {
  return new Promise((resolve) => {
    const { signal } = options;
    if (signal?.aborted === true) {
      resolve({ ok: false, failure: classifyTlsFailure(abortError(), "connect") });
      return;
    }
    const socket = connect({
      host: options.address,
      port: options.port,
      ...(options.localAddress === undefined ? {} : { localAddress: options.localAddress }),
    });
    socket.setNoDelay(true);
    let settled = false;
    const cleanup = (): void => {
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.off("error", onError);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      cleanup();
      socket.on("error", () => undefined);
      socket.destroy();
      resolve({ ok: false, failure: classifyTlsFailure(error, "connect") });
    };
    const onError = (error: Error): void => fail(error);
    const onAbort = (): void => fail(abortError());
    const timer = setTimeout(() => fail(new DialTimeoutError("connect", options.connectTimeoutMs)), options.connectTimeoutMs);
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.on("error", onError);
    socket.once("connect", () => {
      if (settled) return;
      cleanup();
      resolve({ ok: true, socket, connectedAt: performance.now() });
    });
  });
}

/**
 * Plain TCP (SIP over TCP, 5060; the Unsecured dial plan). Same result shape as {@link dialTls}, with evidence that
 * says `transport: "tcp"` and holds only the endpoints.
 *
 * The socket comes with a listener that keeps a peer's reset from crashing the process; attach your own `error`
 * and `close` listeners at once.
 */
export async function dialTcp(options: DialTcpOptions): Promise<DialResult<Socket>> {
  validateDialOptions(options);
  const start = performance.now();
  const timings = { start, tcpConnect: null as number | null, tlsHandshake: null };
  const evidence = emptyEvidence("tcp");
  const outcome = await connectTcp(options);
  if (!outcome.ok) return { ok: false, failure: outcome.failure, evidence, timings };
  timings.tcpConnect = outcome.connectedAt - start;
  evidence.tcp = endpointsOf(outcome.socket);
  outcome.socket.on("error", () => undefined);
  if (options.capture !== undefined) captureTcpWrites(outcome.socket, captureFlow(outcome.socket, options.capture));
  return { ok: true, socket: outcome.socket, evidence, timings };
}
