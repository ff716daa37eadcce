import t from "tap";
import { readRtcpReports, writeRtcpReport, type ReportBlock } from "./rtcp-packet.js";

const BLOCK: ReportBlock = { ssrc: 0xaabbccdd, fractionLost: 12, cumulativeLost: 3, extendedHighest: 0x1_0005, jitter: 42 };
/** 2026-01-01T00:00:00.250Z */
const NOW_MS = Date.UTC(2026, 0, 1, 0, 0, 0, 250);

t.test("an SR with one report block reads back as written, the SDES CNAME skipped", async (t) => {
  const compound = writeRtcpReport({ ssrc: 0x11223344, sender: { packets: 150, octets: 24_000, rtpTimestamp: 123_456 }, block: BLOCK, nowMs: NOW_MS });
  t.same(readRtcpReports(compound), [{ type: "SR", ssrc: 0x11223344, senderPackets: 150, senderOctets: 24_000, blocks: [BLOCK] }]);

  // RFC 3550 §6.4.1: header 8, sender info 20, one block 24 = 52 bytes, length field 12 words − 1.
  t.equal(compound[0], 0x81, "V=2, one report block");
  t.equal(compound[1], 200, "SR");
  t.equal(compound.readUInt16BE(2), 52 / 4 - 1);
  t.equal(compound.readUInt32BE(8), Math.floor(NOW_MS / 1000) + 2_208_988_800, "NTP seconds since 1900");
  t.equal(compound.readUInt32BE(12), 2 ** 30, "a quarter second as an NTP fraction");
  t.equal(compound.readUInt32BE(16), 123_456, "the RTP timestamp");
  // RFC 3550 §6.5: the compound packet carries an SDES with a CNAME after the report.
  t.equal(compound[52 + 1], 202, "an SDES follows the SR");
  t.equal(compound.readUInt32BE(52 + 4), 0x11223344, "its chunk is about the sender");
  t.equal(compound[52 + 8], 1, "CNAME item");
  t.equal(compound.toString("utf8", 52 + 10, 52 + 10 + compound[52 + 9]!), "exum@exum.invalid");
  t.equal((compound.length - 52) % 4, 0, "the SDES is padded to 32 bits");
  t.equal(compound.readUInt16BE(52 + 2), (compound.length - 52) / 4 - 1, "its length field covers the padded chunk");
});

t.test("an RR with a block, and one without", async (t) => {
  const rr = writeRtcpReport({ ssrc: 0x80000001, sender: null, block: BLOCK, nowMs: NOW_MS });
  t.equal(rr[1], 201);
  t.same(readRtcpReports(rr), [{ type: "RR", ssrc: 0x80000001, senderPackets: null, senderOctets: null, blocks: [BLOCK] }]);
  const empty = writeRtcpReport({ ssrc: 5, sender: null, block: null, nowMs: NOW_MS });
  t.equal(empty[0], 0x80, "RC=0");
  t.same(readRtcpReports(empty), [{ type: "RR", ssrc: 5, senderPackets: null, senderOctets: null, blocks: [] }]);
  const sr = writeRtcpReport({ ssrc: 6, sender: { packets: 1, octets: 160, rtpTimestamp: 0 }, block: null, nowMs: NOW_MS });
  t.same(readRtcpReports(sr), [{ type: "SR", ssrc: 6, senderPackets: 1, senderOctets: 160, blocks: [] }], "an SR without a block");
});

t.test("the block's fields are written at their widths", async (t) => {
  const block = { ssrc: 1, fractionLost: 255, cumulativeLost: 2 ** 24, extendedHighest: 2 ** 32 - 1, jitter: 7.6 };
  const [report] = readRtcpReports(writeRtcpReport({ ssrc: 2, sender: null, block, nowMs: NOW_MS }));
  t.same(report?.blocks, [{ ssrc: 1, fractionLost: 255, cumulativeLost: 0x7fffff, extendedHighest: 2 ** 32 - 1, jitter: 8 }], "loss clamped to 24-bit signed, jitter rounded");
  // RFC 3550 §6.4.1: the cumulative loss is signed; duplicates make it negative (0xFFFFFF is -1, not 16777215).
  const [negative] = readRtcpReports(writeRtcpReport({ ssrc: 2, sender: null, block: { ...block, cumulativeLost: -1 }, nowMs: NOW_MS }));
  t.equal(negative?.blocks[0]?.cumulativeLost, -1, "a negative loss reads back negative");
});

t.test("two compound packets in one datagram give both reports", async (t) => {
  const both = Buffer.concat([
    writeRtcpReport({ ssrc: 1, sender: { packets: 10, octets: 1600, rtpTimestamp: 0 }, block: null, nowMs: NOW_MS }),
    writeRtcpReport({ ssrc: 2, sender: null, block: BLOCK, nowMs: NOW_MS }),
  ]);
  t.same(
    readRtcpReports(both).map((report) => [report.type, report.ssrc, report.blocks.length]),
    [
      ["SR", 1, 0],
      ["RR", 2, 1],
    ],
  );
});

t.test("a truncated or malformed compound packet does not throw", async (t) => {
  const compound = writeRtcpReport({ ssrc: 0x11223344, sender: { packets: 150, octets: 24_000, rtpTimestamp: 1 }, block: BLOCK, nowMs: NOW_MS });
  t.equal(readRtcpReports(compound.subarray(0, compound.length - 3)).length, 1, "the SDES cut short: the SR before it still reads");
  t.same(readRtcpReports(compound.subarray(0, 30)), [], "the SR itself cut short");
  t.same(readRtcpReports(compound.subarray(0, 3)), [], "less than a header");
  t.same(readRtcpReports(Buffer.alloc(0)), []);
  t.same(readRtcpReports(Buffer.from("not rtcp at all, just text")), [], "not version 2");

  // A report count larger than the packet holds: only the blocks inside its length are read.
  const overcounted = Buffer.from(compound);
  overcounted[0] = 0x80 | 3;
  t.same(readRtcpReports(overcounted)[0]?.blocks, [BLOCK]);

  // An SR whose length leaves no room for the sender info reads without the counts.
  const short = Buffer.from([0x80, 200, 0, 1, 0, 0, 0, 9]);
  t.same(readRtcpReports(short), [{ type: "SR", ssrc: 9, senderPackets: null, senderOctets: null, blocks: [] }]);
});
