import { createHmac, hkdfSync } from "node:crypto";
import t from "tap";
import { hkdfExpand, hkdfExpandLabel, hkdfLabel, trafficKeys } from "./hkdf-expand-label.js";
import { RFC8448 } from "./tls-test-fixtures.test.js";

t.test("HkdfLabel bytes match RFC 8448 §3 'key info' and 'iv info'", async (t) => {
  t.same(hkdfLabel("key", Buffer.alloc(0), 16), RFC8448.keyInfo);
  t.same(hkdfLabel("iv", Buffer.alloc(0), 12), RFC8448.ivInfo);
});

t.test("server and client handshake write key and IV (RFC 8448 §3)", async (t) => {
  const server = trafficKeys("sha256", RFC8448.serverHandshakeTrafficSecret, 16);
  t.same(server.key, RFC8448.serverHandshakeKey);
  t.same(server.iv, RFC8448.serverHandshakeIv);
  const client = trafficKeys("sha256", RFC8448.clientHandshakeTrafficSecret, 16);
  t.same(client.key, RFC8448.clientHandshakeKey);
  t.same(client.iv, RFC8448.clientHandshakeIv);
  t.same(hkdfExpandLabel("sha256", RFC8448.serverHandshakeTrafficSecret, "iv", Buffer.alloc(0), 12), RFC8448.serverHandshakeIv);
});

t.test("HKDF-Expand agrees with node:crypto's HKDF (Extract then Expand) for SHA-256 and SHA-384, multi-block", async (t) => {
  for (const hash of ["sha256", "sha384"] as const) {
    const ikm = Buffer.from("input keying material");
    const salt = Buffer.from("salt");
    const info = Buffer.from("info");
    const prk = createHmac(hash, salt).update(ikm).digest(); // HKDF-Extract (RFC 5869 §2.2)
    for (const length of [12, 32, 48, 100]) {
      t.same(hkdfExpand(hash, prk, info, length), Buffer.from(hkdfSync(hash, ikm, salt, info, length)), `${hash} ${length}`);
    }
  }
  t.throws(() => hkdfExpand("sha256", Buffer.alloc(32), Buffer.alloc(0), 255 * 32 + 1), RangeError);
});
