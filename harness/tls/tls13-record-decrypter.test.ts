import t from "tap";
import { tls13CipherSuite, TLS13_CIPHER_SUITES } from "./tls13-cipher-suite.js";
import { Tls13RecordDecrypter } from "./tls13-record-decrypter.js";
import { RFC8448 } from "./tls-test-fixtures.test.js";

const aes128gcm = tls13CipherSuite(0x1301);

t.test("decrypts RFC 8448 §3's server handshake record to EncryptedExtensions … Finished", async (t) => {
  if (aes128gcm === null) throw new Error("suite table lacks 0x1301");
  const decrypter = new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret);
  const record = RFC8448.serverHandshakeRecord;
  const inner = decrypter.decrypt(record.subarray(0, 5), record.subarray(5));
  t.equal(inner.contentType, 22, "inner type handshake");
  t.same(inner.content.subarray(0, RFC8448.encryptedExtensions.length), RFC8448.encryptedExtensions);
  t.same(inner.content.subarray(inner.content.length - RFC8448.finished.length), RFC8448.finished);
  t.equal(inner.content.length, 674 - 16 - 1, "record minus tag minus content type");
});

t.test("the nonce is the IV XOR the padded sequence number (RFC 8446 §5.3)", async (t) => {
  if (aes128gcm === null) throw new Error("suite table lacks 0x1301");
  const decrypter = new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret);
  t.same(decrypter.nonce(0n), RFC8448.serverHandshakeIv);
  const one = Buffer.from(RFC8448.serverHandshakeIv);
  one[11] = (one[11] ?? 0) ^ 1;
  t.same(decrypter.nonce(1n), one);
  const high = Buffer.from(RFC8448.serverHandshakeIv);
  high[4] = (high[4] ?? 0) ^ 0x01;
  t.same(decrypter.nonce(1n << 56n), high);
});

t.test("invalid twins: a flipped byte, a wrong sequence number, a wrong secret, a short record all fail", async (t) => {
  if (aes128gcm === null) throw new Error("suite table lacks 0x1301");
  const record = RFC8448.serverHandshakeRecord;
  const flipped = Buffer.from(record);
  flipped[100] = (flipped[100] ?? 0) ^ 0x80;
  t.throws(() => new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret).decrypt(flipped.subarray(0, 5), flipped.subarray(5)));

  const header = Buffer.from(record.subarray(0, 5));
  header[2] = 0x01; // the header is authenticated as additional data
  t.throws(() => new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret).decrypt(header, record.subarray(5)));

  const second = new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret);
  second.decrypt(record.subarray(0, 5), record.subarray(5));
  t.throws(() => second.decrypt(record.subarray(0, 5), record.subarray(5)), "sequence 1 has another nonce");

  t.throws(() => new Tls13RecordDecrypter(aes128gcm, RFC8448.clientHandshakeTrafficSecret).decrypt(record.subarray(0, 5), record.subarray(5)));
  t.throws(() => new Tls13RecordDecrypter(aes128gcm, RFC8448.serverHandshakeTrafficSecret).decrypt(record.subarray(0, 5), Buffer.alloc(10)), /shorter/);
});

t.test("the suite table covers RFC 8446 Appendix B.4", async (t) => {
  t.same(
    TLS13_CIPHER_SUITES.map((suite) => suite.name),
    ["TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256", "TLS_AES_128_CCM_8_SHA256"],
  );
  t.equal(tls13CipherSuite(0xc02f), null);
});
