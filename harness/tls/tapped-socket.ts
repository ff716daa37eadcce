import { Duplex } from "node:stream";
import type { Socket } from "node:net";

/**
 * A duplex over a connected TCP socket that shows every byte read to `onRead` before passing it on.
 *
 * Why: node:tls wraps a `net.Socket`'s native handle directly, so its JavaScript `data` events never fire once the
 * TLS socket owns it (tried on Node 20). Handing `tls.connect` this duplex instead makes Node read through
 * JavaScript, where the certificate-request observer can see the server's records. The price, measured on loopback,
 * is about a fifth of raw TLS round-trip throughput, far above what SIP parsing costs.
 *
 * Ending, errors and destruction pass through both ways; destroying the duplex destroys the socket.
 */
export class TappedSocket extends Duplex {
  readonly socket: Socket;
  private onRead: ((chunk: Buffer) => void) | null;
  /** Sees every byte in both directions for as long as the connection lives (a capture; never untapped). */
  private readonly recorder: { read(chunk: Buffer): void; write(chunk: Buffer): void } | null;

  constructor(socket: Socket, onRead: ((chunk: Buffer) => void) | null, recorder: { read(chunk: Buffer): void; write(chunk: Buffer): void } | null = null) {
    super({ allowHalfOpen: true });
    this.socket = socket;
    this.onRead = onRead;
    this.recorder = recorder;
    socket.on("data", (chunk: Buffer) => {
      this.recorder?.read(chunk);
      const tap = this.onRead;
      if (tap !== null) {
        try {
          tap(chunk);
        } catch {
          this.onRead = null; // an observer's fault must never break the connection
        }
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on("end", () => this.push(null));
    socket.on("error", (error) => this.destroy(error));
    // A write into a connection the peer has just closed (EPIPE, ECONNRESET: a server stopped mid-handshake) fails the
    // write callback, and a Duplex then emits "error" on itself. The TLS socket above learns of it from the close that
    // follows; without a listener here it would be an uncaught exception, and a peer's misbehaviour is never a crash.
    this.on("error", () => undefined);
    socket.on("close", () => {
      if (!this.destroyed) this.destroy();
    });
  }

  /** Stops showing bytes to the tap (the observer has its verdict); bytes still flow. */
  untap(): void {
    this.onRead = null;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.recorder?.write(chunk);
    this.socket.write(chunk, encoding, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}
