import t from "tap";
import { srtpKeyingFromInline, type SrtpKeying } from "./srtp-keying.js";
import type { SrtpMki } from "./srtp-mki.js";
import { createSrtpReceiver } from "./srtp-receiver.js";
import { createSrtpSender } from "./srtp-sender.js";
import { srtpTagLength, type SrtpSuiteName } from "./srtp-suite.js";

const KEY = "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2";
const SSRC = 0x1234abcd;

function rtp(seq: number, opts: { ssrc?: number; csrcs?: number; extensionWords?: number } = {}): Buffer {
  const cc = opts.csrcs ?? 0;
  const x = opts.extensionWords !== undefined;
  const head = Buffer.alloc(12);
  head.writeUInt8(0x80 | (x ? 0x10 : 0) | cc, 0);
  head.writeUInt8(0, 1); // PCMU
  head.writeUInt16BE(seq, 2);
  head.writeUInt32BE((seq * 160) >>> 0, 4);
  head.writeUInt32BE(opts.ssrc ?? SSRC, 8);
  const csrcs = Buffer.alloc(4 * cc, 0x33);
  const extension = x ? Buffer.concat([Buffer.from([0xbe, 0xde, 0, opts.extensionWords ?? 0]), Buffer.alloc(4 * (opts.extensionWords ?? 0), 0x44)]) : Buffer.alloc(0);
  const payload = Buffer.alloc(160, seq & 0xff);
  return Buffer.concat([head, csrcs, extension, payload]);
}

function rtcpReceiverReport(ssrc = SSRC): Buffer {
  // RR with one report block (RFC 3550 §6.4.2): 8 + 24 bytes, length field 7.
  const rr = Buffer.alloc(32, 0x55);
  rr.writeUInt8(0x81, 0);
  rr.writeUInt8(201, 1);
  rr.writeUInt16BE(7, 2);
  rr.writeUInt32BE(ssrc, 4);
  return rr;
}

const suites: SrtpSuiteName[] = ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"];
const mkis: { name: string; mki: SrtpMki | null }[] = [
  { name: "no MKI", mki: null },
  { name: "MKI 1:1 as Lync writes |2^31|1:1", mki: { value: 1, length: 1 } },
  { name: "4-byte MKI", mki: { value: 0x0a0b0c0d, length: 4 } },
];

for (const suite of suites) {
  for (const { name, mki } of mkis) {
    t.test(`${suite}, ${name}: RTP round trip across a sequence wrap, with reordering`, async (t) => {
      const keying: SrtpKeying = srtpKeyingFromInline(suite, KEY, mki);
      const sender = createSrtpSender(keying);
      const receiver = createSrtpReceiver(keying);
      const overhead = (mki?.length ?? 0) + srtpTagLength(suite, "rtp");

      // seq 65530..65535, then 0..5 (ROC 0 → 1), delivered with reordering inside the window and across the wrap.
      const seqs = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3, 4, 5];
      const plain = seqs.map((seq) => rtp(seq));
      const protectedPackets = plain.map((packet) => sender.protectRtp(packet));
      for (const [i, packet] of protectedPackets.entries()) {
        const original = plain[i]!;
        t.equal(packet.length, original.length + overhead, "tag and MKI appended, payload the same size (RFC 3711 §3.1)");
        t.same(packet.subarray(0, 12), original.subarray(0, 12), "header in the clear");
        t.not(packet.subarray(12, 172).toString("hex"), original.subarray(12).toString("hex"), "payload encrypted");
      }
      if (mki !== null) {
        const field = protectedPackets[0]!.subarray(172, 172 + mki.length);
        t.equal(field.readUIntBE(0, mki.length), mki.value, "MKI between the Encrypted Portion and the tag");
      }

      const order = [0, 2, 1, 3, 4, 7, 5, 6, 8, 11, 9, 10]; // 0 (ROC 1) arrives before 65535 (ROC 0)
      for (const i of order) {
        const result = receiver.unprotectRtp(protectedPackets[i]!);
        const seq = seqs[i]!;
        const roc = i >= 6 ? 1 : 0;
        t.match(result, { ok: true, index: BigInt(roc * 65536 + seq) }, `seq ${seq} ROC ${roc}`);
        if (result.ok) t.same(result.packet, plain[i], `seq ${seq} decrypts to the original`);
      }
      // After the wrap the sender keeps ROC 1, and the receiver follows.
      const next = receiver.unprotectRtp(sender.protectRtp(rtp(6)));
      t.match(next, { ok: true, index: 65536n + 6n });
    });

    t.test(`${suite}, ${name}: SRTCP round trip; the index counts from 0 and the tag stays 10 bytes`, async (t) => {
      const keying = srtpKeyingFromInline(suite, KEY, mki);
      const sender = createSrtpSender(keying);
      const receiver = createSrtpReceiver(keying);
      const plain = rtcpReceiverReport();
      for (const expectedIndex of [0, 1, 2]) {
        const packet = sender.protectRtcp(plain);
        t.equal(packet.length, plain.length + 4 + (mki?.length ?? 0) + 10, "E||index, MKI, 10-byte tag (RFC 3711 §3.4)");
        t.same(packet.subarray(0, 8), plain.subarray(0, 8), "the first 8 bytes stay in the clear");
        t.not(packet.subarray(8, 32).toString("hex"), plain.subarray(8).toString("hex"), "the rest is encrypted");
        const eAndIndex = packet.readUInt32BE(32);
        t.equal(eAndIndex >>> 31, 1, "E flag set");
        t.equal(eAndIndex & 0x7fffffff, expectedIndex, "SRTCP index");
        if (mki !== null) t.equal(packet.readUIntBE(36, mki.length), mki.value, "MKI after the index");
        const result = receiver.unprotectRtcp(packet);
        t.match(result, { ok: true, index: expectedIndex });
        if (result.ok) t.same(result.packet, plain);
      }
    });
  }
}

t.test("CSRCs and the header extension stay in the clear and authenticated; only the payload is encrypted", async (t) => {
  const keying = srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, null);
  const sender = createSrtpSender(keying);
  const receiver = createSrtpReceiver(keying);
  const plain = rtp(100, { csrcs: 2, extensionWords: 1 });
  const headerLength = 12 + 8 + 8;
  const packet = sender.protectRtp(plain);
  t.same(packet.subarray(0, headerLength), plain.subarray(0, headerLength), "header, CSRCs and extension unchanged");
  t.not(packet.subarray(headerLength, headerLength + 160).toString("hex"), plain.subarray(headerLength).toString("hex"));
  t.same(receiver.unprotectRtp(packet), { ok: true, packet: plain, index: 100n });

  const tamperedCsrc = Buffer.from(sender.protectRtp(rtp(101, { csrcs: 2, extensionWords: 1 })));
  tamperedCsrc.writeUInt8(tamperedCsrc.readUInt8(14) ^ 1, 14);
  t.match(receiver.unprotectRtp(tamperedCsrc), { ok: false, reason: "auth-failed" }, "a changed CSRC fails the tag");
});

t.test("each SSRC has its own ROC and Replay List (RFC 3711 §3.2.1)", async (t) => {
  const keying = srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, null);
  const sender = createSrtpSender(keying);
  const receiver = createSrtpReceiver(keying);
  const a = [65535, 0].map((seq) => sender.protectRtp(rtp(seq, { ssrc: 1 })));
  const b = sender.protectRtp(rtp(0, { ssrc: 2 }));
  t.match(receiver.unprotectRtp(a[0]!), { ok: true, index: 65535n });
  t.match(receiver.unprotectRtp(a[1]!), { ok: true, index: 65536n });
  t.match(receiver.unprotectRtp(b), { ok: true, index: 0n }, "SSRC 2 starts at ROC 0 and is not a replay of SSRC 1's seq 0");
});

t.test("the sender gives a resent older packet its original ROC, not the current one", async (t) => {
  const keying = srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, null);
  const sender = createSrtpSender(keying);
  const first = sender.protectRtp(rtp(65535));
  sender.protectRtp(rtp(0));
  t.same(sender.protectRtp(rtp(65535)), first, "same index, same keystream and tag");
});

t.test("the sender refuses packets that are not RTP or RTCP", async (t) => {
  const sender = createSrtpSender(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, null));
  t.throws(() => sender.protectRtp(Buffer.alloc(5)), /not RTP: 5 bytes/);
  t.throws(() => sender.protectRtcp(Buffer.alloc(4)), /given 4 bytes/);
});
