import { randomBytes } from "node:crypto";
import t from "tap";
import { srtpKeyingFromInline } from "./srtp-keying.js";
import type { SrtpMki } from "./srtp-mki.js";
import { createSrtpReceiver } from "./srtp-receiver.js";
import { createSrtpSender } from "./srtp-sender.js";
import type { SrtpSuiteName } from "./srtp-suite.js";

const KEY = "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2";
const OTHER_KEY = "WVNfX19PTVQ0dGhlQmVzdGtleWV2ZXI/Pz8/Pz8/";
const SSRC = 0x0badf00d;

function rtp(seq: number, opts: { payloadType?: number; payloadBytes?: number } = {}): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt8(0x80, 0);
  head.writeUInt8(opts.payloadType ?? 8, 1);
  head.writeUInt16BE(seq, 2);
  head.writeUInt32BE((seq * 160) >>> 0, 4);
  head.writeUInt32BE(SSRC, 8);
  return Buffer.concat([head, Buffer.alloc(opts.payloadBytes ?? 160, 0xd5)]);
}

function rtcpSenderReport(): Buffer {
  // SR without report blocks (RFC 3550 §6.4.1): 28 bytes, length field 6.
  const sr = Buffer.alloc(28, 0x66);
  sr.writeUInt8(0x80, 0);
  sr.writeUInt8(200, 1);
  sr.writeUInt16BE(6, 2);
  sr.writeUInt32BE(SSRC, 4);
  return sr;
}

function pair(opts: { suite?: SrtpSuiteName; senderMki?: SrtpMki | null; receiverMki?: SrtpMki | null; senderKey?: string } = {}) {
  const suite = opts.suite ?? "AES_CM_128_HMAC_SHA1_80";
  const sender = createSrtpSender(srtpKeyingFromInline(suite, opts.senderKey ?? KEY, opts.senderMki ?? null));
  const receiver = createSrtpReceiver(srtpKeyingFromInline(suite, KEY, opts.receiverMki ?? null));
  return { sender, receiver };
}

function flip(packet: Buffer, offset: number): Buffer {
  const copy = Buffer.from(packet);
  copy.writeUInt8(copy.readUInt8(offset) ^ 0x01, offset);
  return copy;
}

const LYNC_MKI = { value: 1, length: 1 };

t.test("every RTP rejection reason, table-driven", async (t) => {
  const cases: { name: string; run: () => unknown; reason: string; detail: RegExp }[] = [
    {
      name: "tampered payload byte → auth-failed",
      run: () => {
        const { sender, receiver } = pair();
        return receiver.unprotectRtp(flip(sender.protectRtp(rtp(10)), 50));
      },
      reason: "auth-failed",
      detail: /10-byte tag of SSRC 0x0badf00d seq 10 \(ROC 0\) does not verify/,
    },
    {
      name: "tampered tag byte (_32) → auth-failed",
      run: () => {
        const { sender, receiver } = pair({ suite: "AES_CM_128_HMAC_SHA1_32" });
        const packet = sender.protectRtp(rtp(10));
        return receiver.unprotectRtp(flip(packet, packet.length - 1));
      },
      reason: "auth-failed",
      detail: /4-byte tag/,
    },
    {
      name: "another master key → auth-failed",
      run: () => {
        const { sender, receiver } = pair({ senderKey: OTHER_KEY });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "auth-failed",
      detail: /wrong key/,
    },
    {
      name: "the same packet twice → replayed",
      run: () => {
        const { sender, receiver } = pair();
        const packet = sender.protectRtp(rtp(10));
        receiver.unprotectRtp(packet);
        return receiver.unprotectRtp(packet);
      },
      reason: "replayed",
      detail: /seq 10 \(index 10\) was already received/,
    },
    {
      name: "a genuine packet 64 behind the newest → replayed, older than the window",
      run: () => {
        const { sender, receiver } = pair();
        const old = sender.protectRtp(rtp(100));
        for (let seq = 101; seq <= 164; seq++) receiver.unprotectRtp(sender.protectRtp(rtp(seq)));
        return receiver.unprotectRtp(old);
      },
      reason: "replayed",
      detail: /older than the 64-packet window/,
    },
    {
      name: "MKI 1:1 negotiated, peer sends no MKI → mki-missing",
      run: () => {
        const { sender, receiver } = pair({ senderMki: null, receiverMki: LYNC_MKI });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "mki-missing",
      detail: /MKI 1:1 was negotiated but the RTP packets carry none/,
    },
    {
      name: "no MKI negotiated, peer sends MKI 1:1 → mki-unexpected",
      run: () => {
        const { sender, receiver } = pair({ senderMki: LYNC_MKI, receiverMki: null });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "mki-unexpected",
      detail: /no MKI was negotiated but the RTP packets carry a 1-byte MKI 0x01/,
    },
    {
      name: "no MKI negotiated, peer sends a 4-byte MKI (_32) → mki-unexpected",
      run: () => {
        const { sender, receiver } = pair({ suite: "AES_CM_128_HMAC_SHA1_32", senderMki: { value: 7, length: 4 }, receiverMki: null });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "mki-unexpected",
      detail: /4-byte MKI 0x00000007/,
    },
    {
      name: "MKI 1:1 negotiated, peer sends MKI 2:1 → mki-unknown",
      run: () => {
        const { sender, receiver } = pair({ senderMki: { value: 2, length: 1 }, receiverMki: LYNC_MKI });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "mki-unknown",
      detail: /carries MKI 0x02, not the negotiated 1:1 \(0x01\)/,
    },
    {
      name: "MKI 1:1 negotiated, peer sends MKI 1:4 → mki-unknown",
      run: () => {
        const { sender, receiver } = pair({ senderMki: { value: 1, length: 4 }, receiverMki: LYNC_MKI });
        return receiver.unprotectRtp(sender.protectRtp(rtp(10)));
      },
      reason: "mki-unknown",
      detail: /4-byte MKI 0x00000001, not the negotiated 1:1 of 1 bytes/,
    },
    {
      name: "plain RTP G.711 20 ms packet → plain-rtp",
      run: () => pair().receiver.unprotectRtp(rtp(10)),
      reason: "plain-rtp",
      detail: /well-formed plain RTP packet/,
    },
    {
      name: "plain RTP G.711 10 ms packet with MKI negotiated → plain-rtp",
      run: () => pair({ receiverMki: LYNC_MKI }).receiver.unprotectRtp(rtp(10, { payloadBytes: 80 })),
      reason: "plain-rtp",
      detail: /plain RTP/,
    },
    {
      name: "plain telephone-event (PT 101, 4 bytes, shorter than header + tag) → plain-rtp",
      run: () => pair().receiver.unprotectRtp(rtp(10, { payloadType: 101, payloadBytes: 4 })),
      reason: "plain-rtp",
      detail: /plain RTP/,
    },
    {
      name: "5 random bytes → too-short",
      run: () => pair().receiver.unprotectRtp(randomBytes(5)),
      reason: "too-short",
      detail: /5 bytes is shorter than the 12-byte RTP header/,
    },
    {
      name: "RTP header and 5 bytes, _80 → too-short",
      run: () => pair().receiver.unprotectRtp(rtp(10, { payloadBytes: 5 })),
      reason: "too-short",
      detail: /17 bytes cannot hold a 12-byte header, 0-byte MKI and 10-byte tag/,
    },
    {
      name: "version 1 → not-rtp",
      run: () => {
        const packet = rtp(10);
        packet.writeUInt8(0x40, 0);
        return pair().receiver.unprotectRtp(packet);
      },
      reason: "not-rtp",
      detail: /RTP version 1, not 2/,
    },
  ];
  for (const { name, run, reason, detail } of cases) t.match(run(), { ok: false, reason, detail }, name);
});

t.test("a rejected packet changes nothing: the genuine packet still verifies afterwards", async (t) => {
  const { sender, receiver } = pair();
  const genuine = sender.protectRtp(rtp(11));
  t.match(receiver.unprotectRtp(flip(genuine, 40)), { ok: false, reason: "auth-failed" });
  t.match(receiver.unprotectRtp(genuine), { ok: true, index: 11n }, "the forged copy was not recorded in the Replay List");
});

t.test("a forged packet with a far sequence number does not move the ROC (RFC 3711 §3.3.1: update only after authentication)", async (t) => {
  const { sender, receiver } = pair();
  // s_l = 65000: an attacker's seq 10 would be read as ROC + 1, and seq 40000 as a new s_l, if state moved early.
  t.match(receiver.unprotectRtp(sender.protectRtp(rtp(65000))), { ok: true, index: 65000n });
  const forgedWrap = flip(sender.protectRtp(rtp(10)), 30);
  t.match(receiver.unprotectRtp(forgedWrap), { ok: false, reason: "auth-failed", detail: /seq 10 \(ROC 1\)/ });
  const forgedFar = Buffer.concat([rtp(30000).subarray(0, 172), randomBytes(10)]);
  t.match(receiver.unprotectRtp(forgedFar), { ok: false, reason: "auth-failed" });
  for (const seq of [65001, 65002]) {
    t.match(receiver.unprotectRtp(sender.protectRtp(rtp(seq))), { ok: true, index: BigInt(seq) }, `genuine seq ${seq} still ROC 0`);
  }
  const freshSender = pair().sender;
  freshSender.protectRtp(rtp(65535));
  const afterWrap = freshSender.protectRtp(rtp(10)); // seq 10 with ROC 1, as the real sender will send it
  t.match(receiver.unprotectRtp(afterWrap), { ok: true, index: 65536n + 10n }, "the real wrap is still recognised");
});

t.test("every SRTCP rejection reason", async (t) => {
  const cases: { name: string; run: () => unknown; reason: string; detail: RegExp }[] = [
    {
      name: "tampered encrypted byte → auth-failed",
      run: () => {
        const { sender, receiver } = pair();
        return receiver.unprotectRtcp(flip(sender.protectRtcp(rtcpSenderReport()), 12));
      },
      reason: "auth-failed",
      detail: /10-byte SRTCP tag of SSRC 0x0badf00d does not verify/,
    },
    {
      name: "tampered SRTCP index → auth-failed (the index is authenticated)",
      run: () => {
        const { sender, receiver } = pair();
        return receiver.unprotectRtcp(flip(sender.protectRtcp(rtcpSenderReport()), 31));
      },
      reason: "auth-failed",
      detail: /does not verify/,
    },
    {
      name: "the same SRTCP packet twice → replayed",
      run: () => {
        const { sender, receiver } = pair();
        const packet = sender.protectRtcp(rtcpSenderReport());
        receiver.unprotectRtcp(packet);
        return receiver.unprotectRtcp(packet);
      },
      reason: "replayed",
      detail: /SRTCP index 0 was already received/,
    },
    {
      name: "an SRTCP packet 64 indices behind → replayed",
      run: () => {
        const { sender, receiver } = pair();
        const old = sender.protectRtcp(rtcpSenderReport());
        for (let i = 1; i <= 64; i++) receiver.unprotectRtcp(sender.protectRtcp(rtcpSenderReport()));
        return receiver.unprotectRtcp(old);
      },
      reason: "replayed",
      detail: /older than the 64-packet window/,
    },
    {
      name: "MKI negotiated, SRTCP without MKI → mki-missing",
      run: () => pair({ receiverMki: LYNC_MKI }).receiver.unprotectRtcp(pair().sender.protectRtcp(rtcpSenderReport())),
      reason: "mki-missing",
      detail: /RTCP packets carry none/,
    },
    {
      name: "no MKI negotiated, SRTCP with MKI → mki-unexpected",
      run: () => pair().receiver.unprotectRtcp(pair({ senderMki: LYNC_MKI }).sender.protectRtcp(rtcpSenderReport())),
      reason: "mki-unexpected",
      detail: /RTCP packets carry a 1-byte MKI 0x01/,
    },
    {
      name: "SRTCP with another MKI value → mki-unknown",
      run: () => pair({ receiverMki: LYNC_MKI }).receiver.unprotectRtcp(pair({ senderMki: { value: 9, length: 1 } }).sender.protectRtcp(rtcpSenderReport())),
      reason: "mki-unknown",
      detail: /MKI 0x09/,
    },
    {
      name: "plain RTCP sender report → plain-rtp",
      run: () => pair().receiver.unprotectRtcp(rtcpSenderReport()),
      reason: "plain-rtp",
      detail: /well-formed plain RTCP packet/,
    },
    {
      name: "5 random bytes → too-short",
      run: () => pair().receiver.unprotectRtcp(randomBytes(5)),
      reason: "too-short",
      detail: /5 bytes/,
    },
    {
      name: "an RTCP header whose length field promises more → too-short",
      run: () => pair().receiver.unprotectRtcp(Buffer.from("80c80006deadbeef", "hex")),
      reason: "too-short",
      detail: /8 bytes cannot hold an RTCP header and the 14-byte SRTCP trailer/,
    },
    {
      name: "RTP on the RTCP path → not-rtp",
      run: () => pair().receiver.unprotectRtcp(rtp(10)),
      reason: "not-rtp",
      detail: /packet type 8 is not an RTCP type/,
    },
  ];
  for (const { name, run, reason, detail } of cases) t.match(run(), { ok: false, reason, detail }, name);
});

t.test("an authenticated SRTCP packet with E = 0 is passed through unencrypted (RFC 3711 §3.4)", async (t) => {
  const { createHmac } = await import("node:crypto");
  const { deriveSrtpKeys } = await import("./srtp-key-derivation.js");
  const keying = srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", KEY, null);
  const { rtcp } = deriveSrtpKeys(keying.masterKey, keying.masterSalt);
  const plain = rtcpSenderReport();
  const authenticated = Buffer.concat([plain, Buffer.from("00000005", "hex")]); // E = 0, index 5
  const tag = createHmac("sha1", rtcp.authKey).update(authenticated).digest().subarray(0, 10);
  t.same(createSrtpReceiver(keying).unprotectRtcp(Buffer.concat([authenticated, tag])), { ok: true, packet: plain, index: 5 });
});
