import type { TLSSocket } from "node:tls";
import type { KeylogSink } from "./keylog-sink.js";

/**
 * Sends a socket's key log lines to `sink` ("keylog: emitted … when key material is generated or received by a
 * connection", Node tls docs). Attach before the handshake progresses. Returns a function that detaches it.
 */
export function attachKeylog(socket: TLSSocket, sink: KeylogSink): () => void {
  const listener = (line: Buffer): void => sink.write(line);
  socket.on("keylog", listener);
  return () => {
    socket.off("keylog", listener);
  };
}
