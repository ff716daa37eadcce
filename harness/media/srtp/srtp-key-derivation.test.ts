import t from "tap";
import { ProtectionProfileAes128CmHmacSha1_80, SrtpSession } from "werift-rtp";
import { deriveSrtpKeys } from "./srtp-key-derivation.js";

const hex = (s: string): Buffer => Buffer.from(s, "hex");
const MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
const MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

t.test("RFC 3711 §B.3 key derivation test vectors (SRTP labels 0x00, 0x01, 0x02)", async (t) => {
  const { rtp } = deriveSrtpKeys(MASTER_KEY, MASTER_SALT);
  // §B.3: "cipher key: C61E7A93744F39EE10734AFE3FF7A087 (AES-CM output)"
  t.equal(rtp.cipherKey.toString("hex").toUpperCase(), "C61E7A93744F39EE10734AFE3FF7A087", "cipher key");
  // §B.3: "cipher salt: 30CBBC08863D8C85D49DB34A9AE1"
  t.equal(rtp.salt.toString("hex").toUpperCase(), "30CBBC08863D8C85D49DB34A9AE1", "cipher salt");
  // §B.3 lists 94 octets of auth key; HMAC-SHA1 uses the first 160 bits (RFC 3711 §5.2: n_a = 160).
  t.equal(rtp.authKey.toString("hex").toUpperCase(), "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", "auth key, first 20 of §B.3's bytes");
});

t.test("SRTCP keys (labels 0x03, 0x04, 0x05, RFC 3711 §4.3.2) match werift-rtp's independent derivation", async (t) => {
  const { rtp, rtcp } = deriveSrtpKeys(MASTER_KEY, MASTER_SALT);
  const werift = new SrtpSession({
    keys: { localMasterKey: MASTER_KEY, localMasterSalt: MASTER_SALT, remoteMasterKey: MASTER_KEY, remoteMasterSalt: MASTER_SALT },
    profile: ProtectionProfileAes128CmHmacSha1_80,
  }).localContext;
  t.equal(rtcp.cipherKey.toString("hex"), werift.srtcpSessionKey.toString("hex"), "SRTCP cipher key");
  t.equal(rtcp.authKey.toString("hex"), werift.srtcpSessionAuthTag.toString("hex"), "SRTCP auth key");
  t.equal(rtcp.salt.toString("hex"), werift.srtcpSessionSalt.toString("hex"), "SRTCP salt");
  t.not(rtcp.cipherKey.toString("hex"), rtp.cipherKey.toString("hex"), "§3.2.1: session keys MUST NOT be shared between SRTP and SRTCP");
  t.equal(rtp.cipherKey.length + rtp.authKey.length + rtp.salt.length, 16 + 20 + 14);
});

t.test("a master key or salt of the wrong length is refused, not silently derived from", async (t) => {
  t.throws(() => deriveSrtpKeys(Buffer.alloc(15), MASTER_SALT), /master key is 15 bytes; AES-128 needs 16/);
  t.throws(() => deriveSrtpKeys(MASTER_KEY, Buffer.alloc(12)), /master salt is 12 bytes; RFC 3711 needs 14/);
});
