/** One RTCP reception report block (RFC 3550 §6.4.1). */
export interface ReportBlock {
  readonly ssrc: number;
  readonly fractionLost: number;
  readonly cumulativeLost: number;
  readonly extendedHighest: number;
  readonly jitter: number;
}

/** What a sender or receiver report says (RFC 3550 §6.4.1, §6.4.2), reduced to what the harness reads. */
export interface RtcpReport {
  readonly type: "SR" | "RR";
  readonly ssrc: number;
  /** SR only: the sender's packet and octet counts. */
  readonly senderPackets: number | null;
  readonly senderOctets: number | null;
  readonly blocks: ReportBlock[];
}

/** RFC 3550 §6.4.1: SR is packet type 200, RR 201. */
const SR = 200;
const RR = 201;

export interface WriteReportOptions {
  readonly ssrc: number;
  /** With a sender's counts, an SR; without, an RR (RFC 3550 §6.4: "RR … for participants that are not active senders"). */
  readonly sender: { readonly packets: number; readonly octets: number; readonly rtpTimestamp: number } | null;
  readonly block: ReportBlock | null;
  /** The wall clock for the NTP timestamp, ms since 1970. */
  readonly nowMs: number;
}

/** The seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET = 2_208_988_800;

/**
 * Writes one compound RTCP packet: an SR or RR (RFC 3550 §6.4.1/§6.4.2) followed by an SDES with a CNAME
 * (§6.5: "the CNAME item MUST be included in each compound RTCP packet"; §6.1: the first packet is SR or RR).
 */
export function writeRtcpReport(options: WriteReportOptions): Buffer {
  const blocks = options.block === null ? [] : [options.block];
  const senderBytes = options.sender === null ? 0 : 20;
  const report = Buffer.alloc(8 + senderBytes + blocks.length * 24);
  report[0] = 0x80 | blocks.length;
  report[1] = options.sender === null ? RR : SR;
  report.writeUInt16BE(report.length / 4 - 1, 2);
  report.writeUInt32BE(options.ssrc >>> 0, 4);
  let offset = 8;
  if (options.sender !== null) {
    const seconds = Math.floor(options.nowMs / 1000) + NTP_UNIX_OFFSET;
    const fraction = Math.floor(((options.nowMs % 1000) / 1000) * 2 ** 32);
    report.writeUInt32BE(seconds >>> 0, offset);
    report.writeUInt32BE(fraction >>> 0, offset + 4);
    report.writeUInt32BE(options.sender.rtpTimestamp >>> 0, offset + 8);
    report.writeUInt32BE(options.sender.packets >>> 0, offset + 12);
    report.writeUInt32BE(options.sender.octets >>> 0, offset + 16);
    offset += 20;
  }
  for (const block of blocks) {
    report.writeUInt32BE(block.ssrc >>> 0, offset);
    report[offset + 4] = block.fractionLost & 0xff;
    report.writeUIntBE(Math.max(-0x800000, Math.min(block.cumulativeLost, 0x7fffff)) & 0xffffff, offset + 5, 3);
    report.writeUInt32BE(block.extendedHighest >>> 0, offset + 8);
    report.writeUInt32BE(Math.round(block.jitter) >>> 0, offset + 12);
    // LSR and DLSR stay 0: no round-trip time is claimed (§6.4.1 "If no SR has been received yet, the field is set to zero").
    offset += 24;
  }
  return Buffer.concat([report, writeSdesCname(options.ssrc, "exum@exum.invalid")]);
}

function writeSdesCname(ssrc: number, cname: string): Buffer {
  const text = Buffer.from(cname, "utf8");
  // §6.5: chunk = SSRC, items (type 1 CNAME, length, text), a null item, padded to 32 bits.
  const chunkLength = Math.ceil((4 + 2 + text.length + 1) / 4) * 4;
  const packet = Buffer.alloc(4 + chunkLength);
  packet[0] = 0x81;
  packet[1] = 202;
  packet.writeUInt16BE(packet.length / 4 - 1, 2);
  packet.writeUInt32BE(ssrc >>> 0, 4);
  packet[8] = 1;
  packet[9] = text.length;
  text.copy(packet, 10);
  return packet;
}

/** The SR and RR packets in a compound RTCP packet (RFC 3550 §6.1); other packet types are skipped. */
export function readRtcpReports(compound: Buffer): RtcpReport[] {
  const reports: RtcpReport[] = [];
  let offset = 0;
  while (offset + 4 <= compound.length) {
    const first = compound[offset]!;
    if (first >> 6 !== 2) break;
    const length = (compound.readUInt16BE(offset + 2) + 1) * 4;
    if (offset + length > compound.length) break;
    const type = compound[offset + 1]!;
    const count = first & 0x1f;
    if ((type === SR || type === RR) && length >= 8) {
      const ssrc = compound.readUInt32BE(offset + 4);
      let at = offset + 8;
      let senderPackets: number | null = null;
      let senderOctets: number | null = null;
      if (type === SR && length >= 28) {
        senderPackets = compound.readUInt32BE(at + 12);
        senderOctets = compound.readUInt32BE(at + 16);
        at += 20;
      }
      const blocks: ReportBlock[] = [];
      for (let i = 0; i < count && at + 24 <= offset + length; i++, at += 24) {
        blocks.push({
          ssrc: compound.readUInt32BE(at),
          fractionLost: compound[at + 4]!,
          // RFC 3550 §6.4.1: "cumulative number of packets lost: 24 bits", signed (duplicates can make it negative).
          cumulativeLost: signed24(compound.readUIntBE(at + 5, 3)),
          extendedHighest: compound.readUInt32BE(at + 8),
          jitter: compound.readUInt32BE(at + 12),
        });
      }
      reports.push({ type: type === SR ? "SR" : "RR", ssrc, senderPackets, senderOctets, blocks });
    }
    offset += length;
  }
  return reports;
}

function signed24(raw: number): number {
  return raw >= 0x800000 ? raw - 0x1000000 : raw;
}
