import t from "tap";
import { isRtcpOnMuxedPort, readRtpPacket, writeRtpPacket } from "./rtp-packet.js";
import { writeRtcpReport } from "./rtcp-packet.js";

const PAYLOAD = Buffer.from([0xff, 0x7f, 0x00, 0x80, 0x01]);

/** A 12-byte fixed header written by hand (RFC 3550 §5.1), then whatever follows it. */
function header(first: number, second: number, ...rest: Buffer[]): Buffer {
  const fixed = Buffer.alloc(12);
  fixed[0] = first;
  fixed[1] = second;
  fixed.writeUInt16BE(4242, 2);
  fixed.writeUInt32BE(0x01020304, 4);
  fixed.writeUInt32BE(0xcafef00d, 8);
  return Buffer.concat([fixed, ...rest]);
}

t.test("write then read: marker, payload type, sequence, timestamp, SSRC and payload survive", async (t) => {
  const packet = writeRtpPacket({ marker: true, payloadType: 101, sequence: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, payload: PAYLOAD });
  t.equal(packet.length, 12 + PAYLOAD.length);
  t.equal(packet[0], 0x80, "V=2, no padding, no extension, no CSRC");
  t.same(readRtpPacket(packet), { marker: true, payloadType: 101, sequence: 65535, timestamp: 0xfffffff0, ssrc: 0xdeadbeef, payload: PAYLOAD });
  const plain = readRtpPacket(writeRtpPacket({ payloadType: 0, sequence: 0, timestamp: 0, ssrc: 0, payload: PAYLOAD }));
  t.same(plain, { marker: false, payloadType: 0, sequence: 0, timestamp: 0, ssrc: 0, payload: PAYLOAD }, "no marker by default");
  t.equal(readRtpPacket(writeRtpPacket({ payloadType: 8, sequence: 1, timestamp: 1, ssrc: 1, marker: false, payload: PAYLOAD }))?.payloadType, 8);
  t.equal(readRtpPacket(writeRtpPacket({ payloadType: 127, sequence: 1, timestamp: 1, ssrc: 1, marker: true, payload: PAYLOAD }))?.payloadType, 127, "the 7-bit maximum");
});

t.test("sequence numbers wrap at 16 bits and timestamps at 32", async (t) => {
  const at = (sequence: number, timestamp: number) => readRtpPacket(writeRtpPacket({ payloadType: 0, sequence, timestamp, ssrc: 7, payload: PAYLOAD }));
  t.equal(at(65536, 0)?.sequence, 0);
  t.equal(at(65537, 0)?.sequence, 1);
  t.equal(at(0, 2 ** 32)?.timestamp, 0);
  t.equal(at(0, 2 ** 32 + 160)?.timestamp, 160);
  t.equal(readRtpPacket(writeRtpPacket({ payloadType: 0, sequence: 0, timestamp: 0, ssrc: 2 ** 32 - 1, payload: PAYLOAD }))?.ssrc, 0xffffffff);
});

t.test("an empty payload is a packet of the header alone", async (t) => {
  const packet = readRtpPacket(writeRtpPacket({ payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array(0) }));
  t.equal(packet?.payload.length, 0);
  t.equal(packet?.sequence, 1);
});

t.test("the CSRC list, the header extension and the padding are skipped (RFC 3550 §5.1, §5.3.1)", async (t) => {
  const csrcs = Buffer.alloc(8, 0xcc);
  const withCsrc = readRtpPacket(header(0x82, 0x00, csrcs, PAYLOAD));
  t.same(withCsrc?.payload, PAYLOAD, "CC=2: 8 bytes of CSRC before the payload");
  t.equal(withCsrc?.ssrc, 0xcafef00d);

  // Profile 0xBEDE, length 2 words, then 8 bytes of extension data.
  const extension = Buffer.from([0xbe, 0xde, 0x00, 0x02, 1, 2, 3, 4, 5, 6, 7, 8]);
  t.same(readRtpPacket(header(0x90, 0x00, extension, PAYLOAD))?.payload, PAYLOAD, "X=1: 4 + 4·length bytes");

  // Three padding bytes, the last one saying how many.
  const padding = Buffer.from([0, 0, 3]);
  t.same(readRtpPacket(header(0xa0, 0x00, PAYLOAD, padding))?.payload, PAYLOAD, "P=1: the last byte's count removed");

  const all = readRtpPacket(header(0xb1, 0x80, Buffer.alloc(4, 0xcc), extension, PAYLOAD, padding));
  t.same(all?.payload, PAYLOAD, "CSRC, extension and padding together");
  t.equal(all?.marker, true);
  t.equal(all?.sequence, 4242);
  t.equal(all?.timestamp, 0x01020304);
});

t.test("what is not an RTP packet reads as null", async (t) => {
  const good = writeRtpPacket({ payloadType: 0, sequence: 1, timestamp: 1, ssrc: 1, payload: PAYLOAD });
  t.not(readRtpPacket(good), null, "the control: a good packet reads");
  for (const version of [0, 1, 3]) {
    const other = Buffer.from(good);
    other[0] = (version << 6) | (other[0]! & 0x3f);
    t.equal(readRtpPacket(other), null, `version ${version}`);
  }
  t.equal(readRtpPacket(good.subarray(0, 11)), null, "shorter than the fixed header");
  t.equal(readRtpPacket(Buffer.alloc(0)), null, "empty");
  t.equal(readRtpPacket(header(0x8f, 0x00, Buffer.alloc(8))), null, "a CSRC list longer than the datagram");
  t.equal(readRtpPacket(header(0x90, 0x00, Buffer.from([0xbe, 0xde]))), null, "an extension header cut short");
  t.equal(readRtpPacket(header(0x90, 0x00, Buffer.from([0xbe, 0xde, 0x00, 0x05, 1, 2, 3, 4]))), null, "an extension longer than the datagram");
  t.equal(readRtpPacket(header(0xa0, 0x00, Buffer.from([1, 2, 30]))), null, "padding longer than the payload");
});

t.test("RFC 5761 §4: on a muxed port, second bytes 192–223 are RTCP", async (t) => {
  const rtcp = (second: number) => Buffer.from([0x80, second, 0, 1, 0, 0, 0, 1]);
  t.equal(isRtcpOnMuxedPort(rtcp(192)), true);
  t.equal(isRtcpOnMuxedPort(rtcp(200)), true, "SR");
  t.equal(isRtcpOnMuxedPort(rtcp(201)), true, "RR");
  t.equal(isRtcpOnMuxedPort(rtcp(223)), true);
  t.equal(isRtcpOnMuxedPort(rtcp(191)), false);
  t.equal(isRtcpOnMuxedPort(rtcp(224)), false);
  t.equal(isRtcpOnMuxedPort(rtcp(200).subarray(0, 7)), false, "too short for an RTCP header and SSRC");
  t.equal(isRtcpOnMuxedPort(Buffer.alloc(0)), false);
  t.equal(isRtcpOnMuxedPort(writeRtcpReport({ ssrc: 1, sender: null, block: null, nowMs: 0 })), true, "a report we write");
  t.equal(isRtcpOnMuxedPort(writeRtpPacket({ payloadType: 0, marker: true, sequence: 1, timestamp: 1, ssrc: 1, payload: PAYLOAD })), false, "PCMU with the marker");
  t.equal(isRtcpOnMuxedPort(writeRtpPacket({ payloadType: 101, marker: true, sequence: 1, timestamp: 1, ssrc: 1, payload: PAYLOAD })), false, "telephone-event with the marker");
});
