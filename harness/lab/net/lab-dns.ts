import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, type Server, type Socket } from "node:net";
import { inputError, internalError } from "../../errors/harness-error.js";
import { answerDnsQuery, fitUdpReply, type DnsExchange } from "./lab-dns-answer.js";
import type { NameMap } from "./name-map.js";

export interface LabDnsOptions {
  /** The names it answers for, read at every query (changes apply at once). */
  map: NameMap;
  /** A loopback address. @defaultValue "127.0.0.1" */
  address?: string;
  /** UDP (and TCP) port; 0 lets the kernel pick. @defaultValue 0 */
  port?: number;
  /** Also answer DNS over TCP on the same port (RFC 7766). @defaultValue true */
  tcp?: boolean;
  /** TTL of the A records: 0 so that a repointed name is seen at once. @defaultValue 0 */
  ttl?: number;
  /** Called after every answered query (the lab's event log). */
  onQuery?: (exchange: DnsExchange) => void;
  /** At most this many TCP connections at once; more are closed. @defaultValue 32 */
  maxTcpConnections?: number;
  /** A TCP connection idle this long is closed. @defaultValue 5000 */
  tcpIdleMs?: number;
}

export interface LabDnsStats {
  /** Queries answered (UDP and TCP). */
  answered: number;
  /** Packets ignored: malformed, responses, oversized. */
  ignored: number;
}

export interface LabDns {
  readonly address: string;
  /** The UDP port, and the TCP port when TCP is on. */
  readonly port: number;
  readonly tcp: boolean;
  readonly stats: Readonly<LabDnsStats>;
  close(): Promise<void>;
}

/** Two bytes of length then the message (RFC 1035 §4.2.2). */
const MAX_TCP_MESSAGE = 2 + 65_535;

/** How many times a kernel-picked UDP port is tried for TCP before giving up. */
const PORT_ATTEMPTS = 5;

function bindUdp(address: string, port: number): Promise<UdpSocket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
    socket.once("error", (error) => {
      socket.close();
      reject(error);
    });
    socket.bind({ address, port, exclusive: true }, () => {
      socket.removeAllListeners("error");
      resolve(socket);
    });
  });
}

function listenTcp(server: Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.removeListener("error", reject);
      resolve();
    });
  });
}

/**
 * The lab's DNS server (docs/design.md §5: the lab answers DNS A queries for its names on a loopback port), so
 * third-party stacks that follow a 302 to a lab FQDN (baresip, SIPp) resolve it too. Answers come from the
 * {@link NameMap} as it is at each query (answerDnsQuery); it never recurses and never sends a query anywhere.
 * Malformed packets are ignored, a bad TCP connection is closed, and nothing a peer sends can stop it.
 */
export async function startLabDns(options: LabDnsOptions): Promise<LabDns> {
  const address = options.address ?? "127.0.0.1";
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) && address !== "::1") {
    throw inputError("EXUM_LAB_NOT_LOOPBACK", `the lab DNS server may only listen on a loopback address, not ${address}`, {
      hint: "use 127.0.0.1 (the default) or another 127.x.y.z address",
    });
  }
  const wantTcp = options.tcp ?? true;
  const ttl = options.ttl ?? 0;
  const maxConnections = options.maxTcpConnections ?? 32;
  const idleMs = options.tcpIdleMs ?? 5000;
  const stats: LabDnsStats = { answered: 0, ignored: 0 };

  const answer = (query: Buffer): Buffer | null => {
    let result: ReturnType<typeof answerDnsQuery>;
    try {
      result = answerDnsQuery(query, options.map, ttl);
    } catch {
      result = null;
    }
    if (result === null) {
      stats.ignored += 1;
      return null;
    }
    stats.answered += 1;
    try {
      options.onQuery?.(result.exchange);
    } catch {
      // the event log's failure never stops the answer
    }
    return result.reply;
  };

  const connections = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    if (connections.size >= maxConnections) {
      socket.destroy();
      return;
    }
    connections.add(socket);
    socket.on("close", () => connections.delete(socket));
    socket.on("error", () => undefined);
    socket.setTimeout(idleMs, () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_TCP_MESSAGE + 65_536) {
        socket.destroy();
        return;
      }
      while (buffer.length >= 2) {
        const length = buffer.readUInt16BE(0);
        if (length < 12) {
          stats.ignored += 1;
          socket.destroy();
          return;
        }
        if (buffer.length < 2 + length) return;
        const query = buffer.subarray(2, 2 + length);
        buffer = buffer.subarray(2 + length);
        const reply = answer(query);
        if (reply === null) {
          socket.destroy();
          return;
        }
        const framed = Buffer.alloc(2 + reply.length);
        framed.writeUInt16BE(reply.length, 0);
        reply.copy(framed, 2);
        socket.write(framed);
      }
    });
  };

  const fixedPort = options.port ?? 0;
  for (let attempt = 0; attempt < (fixedPort === 0 ? PORT_ATTEMPTS : 1); attempt += 1) {
    const udp = await bindUdp(address, fixedPort);
    const port = udp.address().port;
    let tcp: Server | null = null;
    if (wantTcp) {
      tcp = createServer(onConnection);
      try {
        await listenTcp(tcp, address, port);
      } catch (error) {
        udp.close();
        if (fixedPort !== 0 || attempt === PORT_ATTEMPTS - 1) throw error;
        continue;
      }
      tcp.on("error", () => undefined);
    }
    udp.on("error", () => undefined);
    udp.on("message", (message, remote) => {
      const reply = answer(message);
      if (reply !== null) udp.send(fitUdpReply(reply), remote.port, remote.address);
    });
    const server = tcp;
    let closing: Promise<void> | undefined;
    return {
      address,
      port,
      tcp: server !== null,
      stats,
      close() {
        closing ??= (async () => {
          for (const socket of connections) socket.destroy();
          await Promise.all([
            new Promise<void>((resolve) => udp.close(() => resolve())),
            server === null ? Promise.resolve() : new Promise<void>((resolve) => server.close(() => resolve())),
          ]);
        })();
        return closing;
      },
    };
  }
  throw internalError("EXUM_LAB_DNS_NO_PORT", `no port on ${address} was free for DNS over both UDP and TCP`, { hint: "pass tcp: false or a port" });
}
