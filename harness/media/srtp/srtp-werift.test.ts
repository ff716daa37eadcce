import t from "tap";
import { ProtectionProfileAes128CmHmacSha1_80, RtpHeader, SrtcpSession, SrtpAuthenticationError, SrtpSession } from "werift-rtp";
import { srtpKeyingFromInline } from "./srtp-keying.js";
import { createSrtpReceiver } from "./srtp-receiver.js";
import { createSrtpSender } from "./srtp-sender.js";

// An independent implementation as the oracle (docs/media.md: werift-rtp checks _80 tags but supports neither _32
// nor MKI, so the cross-check is AES_CM_128_HMAC_SHA1_80 without MKI).
const OURS = "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2";
const THEIRS = "WVNfX19PTVQ0dGhlQmVzdGtleWV2ZXI/Pz8/Pz8/";
const SSRC = 0x5eed1234;

const split = (base64: string) => {
  const bytes = Buffer.from(base64, "base64");
  return { key: bytes.subarray(0, 16), salt: bytes.subarray(16) };
};

/** werift as the peer: it sends with THEIRS and receives what we send with OURS. */
function weriftPeer() {
  const ours = split(OURS);
  const theirs = split(THEIRS);
  const config = {
    keys: { localMasterKey: theirs.key, localMasterSalt: theirs.salt, remoteMasterKey: ours.key, remoteMasterSalt: ours.salt },
    profile: ProtectionProfileAes128CmHmacSha1_80,
  };
  return { srtp: new SrtpSession(config), srtcp: new SrtcpSession(config) };
}

function header(seq: number): RtpHeader {
  return new RtpHeader({ version: 2, payloadType: 0, sequenceNumber: seq, timestamp: (seq * 160) >>> 0, ssrc: SSRC, marker: seq === 65533 });
}

const payload = (seq: number): Buffer => Buffer.alloc(160, (seq * 7) & 0xff);
const plainRtp = (seq: number): Buffer => Buffer.concat([header(seq).serialize(12), payload(seq)]);
const SEQS = [65533, 65534, 65535, 0, 1, 2]; // ROC 0 → 1

t.test("werift-rtp protects, our receiver verifies and decrypts, across a sequence wrap", async (t) => {
  const peer = weriftPeer();
  const receiver = createSrtpReceiver(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", THEIRS, null));
  for (const [i, seq] of SEQS.entries()) {
    const packet = peer.srtp.encrypt(payload(seq), header(seq));
    t.same(receiver.unprotectRtp(packet), { ok: true, packet: plainRtp(seq), index: BigInt((i >= 3 ? 65536 : 0) + seq) }, `seq ${seq}`);
  }
});

t.test("we protect, werift-rtp verifies and decrypts, across a sequence wrap; byte for byte what werift writes", async (t) => {
  const peer = weriftPeer();
  const sender = createSrtpSender(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", OURS, null));
  // A second werift context keyed like our sender shows the bytes themselves agree, not only the round trip.
  const ours = split(OURS);
  const twin = new SrtpSession({
    keys: { localMasterKey: ours.key, localMasterSalt: ours.salt, remoteMasterKey: ours.key, remoteMasterSalt: ours.salt },
    profile: ProtectionProfileAes128CmHmacSha1_80,
  });
  for (const seq of SEQS) {
    const packet = sender.protectRtp(plainRtp(seq));
    t.equal(packet.toString("hex"), twin.encrypt(payload(seq), header(seq)).toString("hex"), `seq ${seq}: same SRTP bytes`);
    t.same(peer.srtp.decrypt(packet), plainRtp(seq), `seq ${seq}: werift decrypts it`);
  }
  const tampered = Buffer.from(sender.protectRtp(plainRtp(3)));
  tampered.writeUInt8(tampered.readUInt8(20) ^ 0x80, 20);
  t.throws(() => peer.srtp.decrypt(tampered), SrtpAuthenticationError, "werift checks our tag, so agreement above means something");
});

t.test("SRTCP: werift-rtp protects, we verify; we protect, werift verifies", async (t) => {
  const peer = weriftPeer();
  const sender = createSrtpSender(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", OURS, null));
  const receiver = createSrtpReceiver(srtpKeyingFromInline("AES_CM_128_HMAC_SHA1_80", THEIRS, null));
  const rr = Buffer.alloc(32, 0x42);
  rr.writeUInt8(0x81, 0);
  rr.writeUInt8(201, 1);
  rr.writeUInt16BE(7, 2);
  rr.writeUInt32BE(SSRC, 4);
  for (const expectedIndex of [1, 2, 3]) {
    // werift increments its SRTCP index before the first packet, so it starts at 1; we start at 0 (RFC 3711 §3.4).
    t.same(receiver.unprotectRtcp(peer.srtcp.encrypt(rr)), { ok: true, packet: rr, index: expectedIndex }, `werift index ${expectedIndex}`);
  }
  for (const index of [0, 1, 2]) {
    const packet = sender.protectRtcp(rr);
    t.equal(packet.readUInt32BE(32) & 0x7fffffff, index);
    t.same(peer.srtcp.decrypt(packet), rr, `our index ${index}: werift decrypts it`);
  }
});
