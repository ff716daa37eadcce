import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";

/**
 * Makes a TLS socket layered over a {@link TappedSocket} answer `localAddress`, `localPort`, `remoteAddress`,
 * `remotePort`, the families, `address()`, `setNoDelay()` and `setKeepAlive()` from the TCP socket underneath.
 * Node reads those from the socket's native handle, which a TLS socket over a JavaScript stream does not have
 * (they come back undefined — tried on Node 20), and the SIP layer needs them for Via and Contact.
 * The addresses are captured now, so they stay readable after the connection closed.
 */
export function exposeEndpoints(tlsSocket: TLSSocket, tcp: Socket): void {
  const local = { address: tcp.localAddress, port: tcp.localPort, family: tcp.localFamily };
  const remote = { address: tcp.remoteAddress, port: tcp.remotePort, family: tcp.remoteFamily };
  const value = (get: () => unknown): PropertyDescriptor => ({ configurable: true, enumerable: false, get });
  Object.defineProperties(tlsSocket, {
    localAddress: value(() => local.address),
    localPort: value(() => local.port),
    localFamily: value(() => local.family),
    remoteAddress: value(() => remote.address),
    remotePort: value(() => remote.port),
    remoteFamily: value(() => remote.family),
  });
  tlsSocket.address = () =>
    local.address === undefined || local.port === undefined ? {} : { address: local.address, family: local.family ?? "", port: local.port };
  tlsSocket.setNoDelay = (noDelay?: boolean) => {
    tcp.setNoDelay(noDelay);
    return tlsSocket;
  };
  tlsSocket.setKeepAlive = (enable?: boolean, initialDelay?: number) => {
    tcp.setKeepAlive(enable, initialDelay);
    return tlsSocket;
  };
}
