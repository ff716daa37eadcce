import type { Socket } from "node:net";
import type { PacketCapture, TcpFlowTap } from "../model/packet-capture.js";

/** The capture flow of a connected TCP socket, between its own two ends; closed with the socket. */
export function captureFlow(socket: Socket, capture: PacketCapture): TcpFlowTap {
  const local = { address: (socket.localAddress ?? "127.0.0.1").replace(/^::ffff:/, ""), port: socket.localPort ?? 0 };
  const remote = { address: (socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""), port: socket.remotePort ?? 0 };
  const flow = capture.tcpFlow(local, remote);
  socket.once("close", () => flow.close());
  return flow;
}

/**
 * Records a plain TCP connection: reads from its `data` events (a plain socket emits them), writes by wrapping the
 * socket's own `write`, which every writer (sip.js's transport included) goes through.
 */
export function captureTcpWrites(socket: Socket, flow: TcpFlowTap): void {
  socket.on("data", (chunk: Buffer) => flow.received(chunk));
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === "string") flow.sent(Buffer.from(chunk, typeof rest[0] === "string" ? (rest[0] as BufferEncoding) : "utf8"));
    else if (chunk instanceof Uint8Array) flow.sent(chunk);
    return write(chunk, ...rest);
  }) as Socket["write"];
}
