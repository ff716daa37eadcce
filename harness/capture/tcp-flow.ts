import { internalError } from "../errors/harness-error.js";
import type { PacketDirection } from "./enhanced-packet-block.js";
import type { Endpoint } from "./endpoint.js";
import { parseIpAddress, type IpAddress } from "./ip-address.js";
import { encodeIpPacket, ipHeaderLength } from "./ip-packet.js";
import { IpProtocol } from "./ip-protocol.js";
import { encodeTcpSegment, SYN_OPTIONS, TCP_HEADER_LENGTH, TcpFlag } from "./tcp-segment.js";

/** The largest IP packet a data segment makes (the brief's bound, under loopback's 65536-octet MTU). */
export const MAX_SEGMENT_IP_LENGTH = 65000;

/** Which end sent the SYN. */
export type TcpOpener = "local" | "remote";

/** Where a flow's packets go: an IP packet and whether the local end sent it ("outbound") or received it. */
export type IpPacketSink = (packet: Buffer, direction: PacketDirection) => void;

export interface TcpFlowOptions {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** @defaultValue "local" */
  readonly opener?: TcpOpener;
  /** Initial sequence numbers (RFC 793 §3.3 "Initial Sequence Number Selection"). */
  readonly localIsn: number;
  readonly remoteIsn: number;
  /** The next IPv4 Identification. */
  readonly nextIdentification: () => number;
  readonly sink: IpPacketSink;
}

interface Side {
  readonly address: IpAddress;
  readonly port: number;
  /** SND.NXT of this side: the sequence number of its next octet. */
  next: number;
  readonly direction: PacketDirection;
}

/**
 * The packets of one TCP connection, synthesized from the byte stream each way, with sequence and acknowledgment
 * numbers a reader can follow (RFC 793 §3.3: "the SYN is considered to occur before the first actual data octet …
 * the FIN is considered to occur after the last actual data octet"):
 *
 * ```
 *   open()     opener ─SYN→, ←SYN,ACK─, ─ACK→
 *   data()     sender ─PSH,ACK + ≤ MAX_SEGMENT_IP_LENGTH octets→ (as many segments as it takes)
 *   close()    local ─FIN,ACK→, ←FIN,ACK─ remote, local ─ACK→; later data is ignored
 * ```
 */
export class TcpFlow {
  private readonly local: Side;
  private readonly remote: Side;
  private readonly opener: TcpOpener;
  private readonly options: TcpFlowOptions;
  private state: "new" | "open" | "closed" = "new";

  constructor(options: TcpFlowOptions) {
    const local = parseIpAddress(options.local.address);
    const remote = parseIpAddress(options.remote.address);
    if (local.family !== remote.family) {
      throw internalError("EXUM_INTERNAL", `a TCP flow from ${options.local.address} cannot reach ${options.remote.address}: the address families differ`, {
        hint: "record the addresses the socket reports for both ends",
      });
    }
    this.options = options;
    this.opener = options.opener ?? "local";
    this.local = { address: local, port: options.local.port, next: options.localIsn >>> 0, direction: "outbound" };
    this.remote = { address: remote, port: options.remote.port, next: options.remoteIsn >>> 0, direction: "inbound" };
  }

  /** The three-way handshake (RFC 793 §3.4, "Basic 3-Way Handshake for Connection Synchronization"). */
  open(): void {
    if (this.state !== "new") return;
    this.state = "open";
    const [client, server] = this.opener === "local" ? [this.local, this.remote] : [this.remote, this.local];
    this.segment(client, server, TcpFlag.Syn, new Uint8Array(0), SYN_OPTIONS);
    client.next = (client.next + 1) >>> 0;
    this.segment(server, client, TcpFlag.Syn | TcpFlag.Ack, new Uint8Array(0), SYN_OPTIONS);
    server.next = (server.next + 1) >>> 0;
    this.segment(client, server, TcpFlag.Ack);
  }

  /** Octets the local end sent. */
  sent(bytes: Uint8Array): void {
    this.data(this.local, this.remote, bytes);
  }

  /** Octets the local end received. */
  received(bytes: Uint8Array): void {
    this.data(this.remote, this.local, bytes);
  }

  /** Both FINs and the last ACK (RFC 793 §3.5, "Closing a Connection"); a second call does nothing. */
  close(): void {
    if (this.state === "closed") return;
    this.open();
    this.state = "closed";
    this.segment(this.local, this.remote, TcpFlag.Fin | TcpFlag.Ack);
    this.local.next = (this.local.next + 1) >>> 0;
    this.segment(this.remote, this.local, TcpFlag.Fin | TcpFlag.Ack);
    this.remote.next = (this.remote.next + 1) >>> 0;
    this.segment(this.local, this.remote, TcpFlag.Ack);
  }

  private data(from: Side, to: Side, bytes: Uint8Array): void {
    if (this.state === "closed" || bytes.length === 0) return;
    this.open();
    const most = MAX_SEGMENT_IP_LENGTH - ipHeaderLength(from.address.family) - TCP_HEADER_LENGTH;
    for (let offset = 0; offset < bytes.length; offset += most) {
      const chunk = bytes.subarray(offset, Math.min(offset + most, bytes.length));
      this.segment(from, to, TcpFlag.Psh | TcpFlag.Ack, chunk);
      from.next = (from.next + chunk.length) >>> 0; // sequence numbers are modulo 2**32 (RFC 793 §3.3)
    }
  }

  private segment(from: Side, to: Side, flags: number, payload: Uint8Array = new Uint8Array(0), options?: Uint8Array): void {
    const segment = encodeTcpSegment({
      source: from.address,
      sourcePort: from.port,
      destination: to.address,
      destinationPort: to.port,
      sequence: from.next,
      acknowledgment: to.next,
      flags,
      payload,
      ...(options === undefined ? {} : { options }),
    });
    const packet = encodeIpPacket({
      source: from.address,
      destination: to.address,
      protocol: IpProtocol.Tcp,
      payload: segment,
      identification: this.options.nextIdentification(),
    });
    this.options.sink(packet, from.direction);
  }
}
