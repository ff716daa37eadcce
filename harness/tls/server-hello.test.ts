import t from "tap";
import { parseServerHello, protocolName } from "./server-hello.js";
import { RFC8448 } from "./tls-test-fixtures.test.js";

t.test("RFC 8448 §3's ServerHello: TLS 1.3 by supported_versions, suite 0x1301", async (t) => {
  const body = RFC8448.serverHelloRecord.subarray(9);
  t.same(parseServerHello(body), { legacyVersion: 0x0303, selectedVersion: 0x0304, cipherSuite: 0x1301, helloRetryRequest: false });
  t.throws(() => parseServerHello(body.subarray(0, 20)), /truncated/);
  t.throws(() => parseServerHello(body.subarray(0, body.length - 3)), /truncated/);
});

t.test("a TLS 1.2 ServerHello without extensions", async (t) => {
  const body = Buffer.alloc(2 + 32 + 1 + 2 + 1);
  body.writeUInt16BE(0x0303, 0);
  body.writeUInt16BE(0xc02f, 35);
  t.same(parseServerHello(body), { legacyVersion: 0x0303, selectedVersion: null, cipherSuite: 0xc02f, helloRetryRequest: false });
});

t.test("protocol names as node:tls spells them", async (t) => {
  t.same([0x0304, 0x0303, 0x0302, 0x0301, 0x0300, 0x7f1c].map(protocolName), ["TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "0x7f1c"]);
});
