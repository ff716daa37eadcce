import { resolveCaptureRecorderOptions, type CaptureRecorderOptions } from "./capture-recorder-options.js";
import { encodeDecryptionSecretsBlock, TLS_KEY_LOG_SECRETS_TYPE } from "./decryption-secrets-block.js";
import { encodeEnhancedPacketBlock, type PacketDirection } from "./enhanced-packet-block.js";
import type { Endpoint } from "./endpoint.js";
import { initialSequenceNumber } from "./initial-sequence-number.js";
import { encodeInterfaceDescriptionBlock } from "./interface-description-block.js";
import { parseIpAddress } from "./ip-address.js";
import { encodeIpPacket } from "./ip-packet.js";
import { IpProtocol } from "./ip-protocol.js";
import { encodeSectionHeaderBlock } from "./section-header-block.js";
import { TcpFlow, type TcpOpener } from "./tcp-flow.js";
import { encodeUdpDatagram } from "./udp-datagram.js";

export type { Endpoint } from "./endpoint.js";

/** The Interface ID of the packets as they were on the wire (TLS/TCP signalling, RTP, SRTP, RTCP). */
export const WIRE_INTERFACE_ID = 0;
/** The Interface ID of the RTP exum decrypted from SRTP itself. */
export const DECRYPTED_RTP_INTERFACE_ID = 1;

/** The byte stream of one TCP (or TLS-over-TCP) connection, as seen by the local end. */
export interface TcpFlowRecorder {
  /** Octets the local end wrote (TLS records, not plaintext, for a TLS connection). */
  sent(bytes: Uint8Array): void;
  /** Octets the local end read. */
  received(bytes: Uint8Array): void;
  /** The FIN exchange; later octets are ignored. Calling it twice does nothing. */
  close(): void;
}

export interface TcpFlowRecorderOptions {
  /** Which end sent the SYN: "remote" for a connection a listener accepted. @defaultValue "local" */
  readonly opener?: TcpOpener;
}

/**
 * What exum sent and received during one call or probe, as a pcapng file Wireshark opens with nothing beside it:
 * interface 0 holds the signalling connections and the RTP/SRTP/RTCP datagrams on their real addresses and ports,
 * interface 1 the RTP exum decrypted itself (for Telephony → RTP → RTP Player). Both are LINKTYPE_RAW, so IPv4 and
 * IPv6 share them. The TLS key log travels inside as a Decryption Secrets Block.
 *
 * Decrypted RTP keeps the 5-tuple (and SSRC) of the SRTP it came from, so Wireshark may list both as one stream:
 * filter on `frame.interface_id == 1` before playing it.
 *
 * Addresses must be numeric (a host name throws `EXUM_INTERNAL`); an IPv4-mapped IPv6 address is written as IPv4.
 */
export interface CaptureRecorder {
  /** Starts a TCP connection's record with its SYN, SYN-ACK and ACK. */
  tcpFlow(local: Endpoint, remote: Endpoint, options?: TcpFlowRecorderOptions): TcpFlowRecorder;
  /** One datagram as it was on the wire (RTP, SRTP, RTCP, SRTCP). */
  udp(from: Endpoint, to: Endpoint, payload: Uint8Array): void;
  /** One plain RTP packet exum decrypted, on interface 1. */
  decryptedRtp(from: Endpoint, to: Endpoint, payload: Uint8Array): void;
  /**
   * NSS key log text (`CLIENT_RANDOM …`, `CLIENT_HANDSHAKE_TRAFFIC_SECRET …`), appended; a missing final newline is
   * added. The lines go into the file ahead of every packet, whenever they arrived.
   */
  keyLog(lines: string): void;
  /** The whole file so far. */
  bytes(): Buffer;
  /** Packets recorded (not those dropped past `maxBytes`). */
  packetCount(): number;
  /** True once something was dropped because `maxBytes` was reached. */
  truncated(): boolean;
}

/**
 * A recorder that keeps the capture in memory. Wireshark only uses secrets that precede the packets
 * (draft-ietf-opsawg-pcapng §4.7: DSBs "SHOULD be written before packet blocks that require those secrets. Tools
 * MAY limit decryption to secrets that appear before packet blocks"), while key log lines arrive during the handshake,
 * after its first records; so blocks are buffered and `bytes()` lays them out as SHB, IDBs, DSB, then the packets in
 * the order they were recorded.
 */
export function createCaptureRecorder(options?: CaptureRecorderOptions): CaptureRecorder {
  const { now, maxBytes } = resolveCaptureRecorderOptions(options);
  const packets: Buffer[] = [];
  const keyLogChunks: Buffer[] = [];
  let buffered = 0;
  let dropped = 0;
  let droppedKeyLog = false;
  let identification = 0;
  let flows = 0;

  const stopped = (): boolean => dropped > 0 || droppedKeyLog;
  /** Keeps `size` more octets if the budget allows; once it does not, nothing more is kept. */
  const admit = (size: number): boolean => {
    if (stopped() || buffered + size > maxBytes) return false;
    buffered += size;
    return true;
  };
  const record = (interfaceId: number, packet: Buffer, direction?: PacketDirection): void => {
    if (stopped()) {
      dropped += 1;
      return;
    }
    const block = encodeEnhancedPacketBlock({ interfaceId, timestamp: now(), packet, ...(direction === undefined ? {} : { direction }) });
    if (admit(block.length)) packets.push(block);
    else dropped += 1;
  };
  const nextIdentification = (): number => {
    identification = (identification + 1) & 0xffff;
    return identification;
  };
  const datagram = (interfaceId: number, from: Endpoint, to: Endpoint, payload: Uint8Array): void => {
    const source = parseIpAddress(from.address);
    const destination = parseIpAddress(to.address);
    const udp = encodeUdpDatagram({ source, sourcePort: from.port, destination, destinationPort: to.port, payload });
    record(interfaceId, encodeIpPacket({ source, destination, protocol: IpProtocol.Udp, payload: udp, identification: nextIdentification() }));
  };

  return {
    tcpFlow(local, remote, flowOptions = {}) {
      flows += 1;
      const seed = `${flows} ${local.address} ${local.port} ${remote.address} ${remote.port}`;
      const flow = new TcpFlow({
        local,
        remote,
        ...(flowOptions.opener === undefined ? {} : { opener: flowOptions.opener }),
        localIsn: initialSequenceNumber(`${seed} local`),
        remoteIsn: initialSequenceNumber(`${seed} remote`),
        nextIdentification,
        sink: (packet, direction) => record(WIRE_INTERFACE_ID, packet, direction),
      });
      flow.open();
      return {
        sent: (bytes) => flow.sent(bytes),
        received: (bytes) => flow.received(bytes),
        close: () => flow.close(),
      };
    },
    udp(from, to, payload) {
      datagram(WIRE_INTERFACE_ID, from, to, payload);
    },
    decryptedRtp(from, to, payload) {
      datagram(DECRYPTED_RTP_INTERFACE_ID, from, to, payload);
    },
    keyLog(lines) {
      if (lines === "") return;
      const text = Buffer.from(lines.endsWith("\n") ? lines : `${lines}\n`, "utf8");
      if (admit(text.length)) keyLogChunks.push(text);
      else droppedKeyLog = true;
    },
    bytes() {
      const comments: string[] = [];
      if (stopped()) {
        const what = [dropped > 0 ? `${dropped} later packets` : "", droppedKeyLog ? "later TLS key log lines" : ""].filter((part) => part !== "").join(" and ");
        comments.push(`exum stopped recording at its ${maxBytes}-octet limit (maxBytes): ${what} are not in this file`);
      }
      const head = [
        encodeSectionHeaderBlock({ userAppl: "exum", comments }),
        encodeInterfaceDescriptionBlock({ name: "exum", description: "what exum sent and received (TLS/TCP signalling, RTP/SRTP/RTCP), synthesized from its sockets" }),
        encodeInterfaceDescriptionBlock({ name: "exum-decrypted-rtp", description: "RTP that exum decrypted from SRTP itself, on the SRTP's addresses and ports" }),
      ];
      if (keyLogChunks.length > 0) head.push(encodeDecryptionSecretsBlock(TLS_KEY_LOG_SECRETS_TYPE, Buffer.concat(keyLogChunks)));
      return Buffer.concat([...head, ...packets]);
    },
    packetCount: () => packets.length,
    truncated: stopped,
  };
}
