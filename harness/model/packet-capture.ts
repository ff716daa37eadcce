/** One end of a captured packet: a numeric address and a port. */
export interface CaptureEndpoint {
  readonly address: string;
  readonly port: number;
}

/** The bytes of one TCP connection, each direction in order (the TLS records themselves, not their plaintext). */
export interface TcpFlowTap {
  sent(bytes: Uint8Array): void;
  received(bytes: Uint8Array): void;
  close(): void;
}

/**
 * Where the layers that touch the wire hand what crossed it, for a capture a person opens in Wireshark
 * (docs/media.md §9): every SIP connection's bytes, every media datagram, the plain RTP exum decrypted, and the TLS
 * key log lines (secrets: a capture holds them on purpose, a log never does). harness/capture implements it.
 */
export interface PacketCapture {
  tcpFlow(local: CaptureEndpoint, remote: CaptureEndpoint): TcpFlowTap;
  udp(from: CaptureEndpoint, to: CaptureEndpoint, payload: Uint8Array): void;
  decryptedRtp(from: CaptureEndpoint, to: CaptureEndpoint, payload: Uint8Array): void;
  keyLog(lines: string): void;
}
