import t from "tap";
import { aesCm, srtpCounterIv } from "./srtp-aes-cm.js";

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ""), "hex");

t.test("RFC 3711 §B.2 AES-CM test vectors: the IV and the first and last keystream blocks", async (t) => {
  // RFC 3711 Appendix B.2: "Keystream segment length: 1044512 octets (65282 AES blocks)
  //   Session Key: 2B7E151628AED2A6ABF7158809CF4F3C  Rollover Counter: 00000000  Sequence Number: 0000
  //   SSRC: 00000000  Session Salt: F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000 (already shifted)"
  const sessionKey = hex("2B7E151628AED2A6ABF7158809CF4F3C");
  const iv = srtpCounterIv(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 0, 0);
  t.equal(iv.toString("hex").toUpperCase(), "F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000", "§B.2 Offset");

  const keystream = aesCm(sessionKey, iv, Buffer.alloc(65282 * 16));
  const block = (n: number): string => keystream.subarray(n * 16, n * 16 + 16).toString("hex").toUpperCase();
  t.equal(block(0), "E03EAD0935C95E80E166B16DD92B4EB4", "§B.2 counter ...FD0000");
  t.equal(block(1), "D23513162B02D0F72A43A2FE4A5F97AB", "§B.2 counter ...FD0001");
  t.equal(block(2), "41E95B3BB0A2E8DD477901E4FCA894C0", "§B.2 counter ...FD0002");
  t.equal(block(0xfeff), "EC8CDF7398607CB0F2D21675EA9EA1E4", "§B.2 counter ...FDFEFF");
  t.equal(block(0xff00), "362B7C3C6773516318A077D7FC5073AE", "§B.2 counter ...FDFF00");
  t.equal(block(0xff01), "6A2CC3787889374FBEB4C81B17BA6C44", "§B.2 counter ...FDFF01");
});

t.test("the IV is (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1, computed as 128-bit integers", async (t) => {
  const salt = hex("0102030405060708090A0B0C0D0E");
  const cases = [
    { ssrc: 0xdeadbeef, index: 0 },
    { ssrc: 0x12345678, index: 0xaabbccdd * 0x10000 + 0xeeff }, // ROC 0xAABBCCDD, SEQ 0xEEFF
    { ssrc: 0xffffffff, index: 2 ** 48 - 1 },
    { ssrc: 1, index: 0x7fffffff }, // the largest SRTCP index
  ];
  for (const { ssrc, index } of cases) {
    const expected = (BigInt(`0x${salt.toString("hex")}`) << 16n) ^ (BigInt(ssrc) << 64n) ^ (BigInt(index) << 16n);
    t.equal(srtpCounterIv(salt, ssrc, index).toString("hex"), expected.toString(16).padStart(32, "0"), `SSRC ${ssrc} index ${index}`);
  }
});

t.test("AES-CM is its own inverse", async (t) => {
  const key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
  const iv = srtpCounterIv(hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"), 42, 7);
  const plain = Buffer.from("a payload that is not a multiple of sixteen bytes");
  const encrypted = aesCm(key, iv, plain);
  t.not(encrypted.toString("hex"), plain.toString("hex"));
  t.equal(encrypted.length, plain.length, "counter mode adds no padding (RFC 3711 §3.1)");
  t.same(aesCm(key, iv, encrypted), plain);
});
