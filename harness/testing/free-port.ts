import { createSocket } from "node:dgram";
import { createServer } from "node:net";

/** The only address a test peer may use (docs/peers.md: loopback only). */
export const LOOPBACK = "127.0.0.1";

export type PortProtocol = "tcp" | "udp";

/** A TCP port on 127.0.0.1 that was free a moment ago: bind port 0, read the port, close. */
export async function freeTcpPort(): Promise<number> {
  return bindTcp(0);
}

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  return bindUdp(0);
}

export interface PortRangeOptions {
  /** Which protocols every port of the range must be free for. @defaultValue ["tcp", "udp"] */
  readonly protocols?: readonly PortProtocol[];
  /** How many candidate ranges to try before giving up. @defaultValue 50 */
  readonly attempts?: number;
}

/**
 * The first port of `count` consecutive ports on 127.0.0.1 that are all free for every protocol asked for:
 * for baresip (SIP on UDP+TCP at `p`, TLS at `p + 1`) and for RTP port ranges. The kernel picks a base
 * (bind port 0), then each port of the range is bound and released.
 */
export async function freePortRange(count: number, options: PortRangeOptions = {}): Promise<number> {
  const protocols = options.protocols ?? ["tcp", "udp"];
  const attempts = options.attempts ?? 50;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const base = await freeTcpPort();
    if (base + count - 1 > 65535) continue;
    if (await rangeIsFree(base, count, protocols)) return base;
  }
  throw new Error(`no ${count} consecutive free ports on ${LOOPBACK} after ${attempts} attempts`);
}

async function rangeIsFree(base: number, count: number, protocols: readonly PortProtocol[]): Promise<boolean> {
  for (let port = base; port < base + count; port += 1) {
    for (const protocol of protocols) {
      try {
        await (protocol === "tcp" ? bindTcp(port) : bindUdp(port));
      } catch {
        return false;
      }
    }
  }
  return true;
}

function bindTcp(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => {
      const address = server.address();
      const bound = typeof address === "object" && address !== null ? address.port : port;
      server.close(() => resolve(bound));
    });
  });
}

function bindUdp(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.unref();
    socket.once("error", (error) => {
      try {
        socket.close();
      } catch {
        // never bound: nothing to close
      }
      reject(error);
    });
    socket.bind({ port, address: LOOPBACK, exclusive: true }, () => {
      const bound = socket.address().port;
      socket.close(() => resolve(bound));
    });
  });
}
