import { createCipheriv } from "node:crypto";
import t from "tap";
import { CertificateRequestObserver } from "./certificate-request-observer.js";
import { trafficKeys } from "./hkdf-expand-label.js";
import { RFC8448, rfc8448KeylogLine } from "./tls-test-fixtures.test.js";

function record(type: number, fragment: Buffer): Buffer {
  const header = Buffer.from([type, 3, 3, 0, 0]);
  header.writeUInt16BE(fragment.length, 3);
  return Buffer.concat([header, fragment]);
}

function handshake(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt8(type, 0);
  header.writeUIntBE(body.length, 1, 3);
  return Buffer.concat([header, body]);
}

/** A TLS 1.2 ServerHello body: version 0x0303, random, empty session id, suite, no compression, no extensions. */
function tls12ServerHello(suite = 0xc02f): Buffer {
  const body = Buffer.alloc(2 + 32 + 1 + 2 + 1);
  body.writeUInt16BE(0x0303, 0);
  body.fill(7, 2, 34);
  body.writeUInt8(0, 34);
  body.writeUInt16BE(suite, 35);
  return body;
}

/** RFC 8446 §4.1.3's HelloRetryRequest: a ServerHello with the special random. */
function helloRetryRequest(): Buffer {
  const body = Buffer.from(RFC8448.serverHelloRecord.subarray(9));
  Buffer.from("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c", "hex").copy(body, 2);
  return record(22, handshake(2, body));
}

function feed(observer: CertificateRequestObserver, bytes: Buffer, step = bytes.length): void {
  for (let offset = 0; offset < bytes.length; offset += step) observer.onServerBytes(bytes.subarray(offset, offset + step));
}

t.test("RFC 8448 §3: decrypts the server's TLS 1.3 flight and finds Finished without CertificateRequest", async (t) => {
  const observer = new CertificateRequestObserver();
  observer.onKeylogLine(Buffer.from("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + RFC8448.clientRandom + " " + "00".repeat(32) + "\n"));
  observer.onKeylogLine(rfc8448KeylogLine());
  feed(observer, Buffer.concat([RFC8448.serverHelloRecord, RFC8448.serverHandshakeRecord]));
  t.ok(observer.done);
  t.match(observer.observation(), {
    requested: false,
    protocol: "TLSv1.3",
    cipherSuite: "TLS_AES_128_GCM_SHA256",
    serverAlert: null,
    basis: /encrypted TLS 1\.3 handshake reached Finished without a CertificateRequest/,
  });
});

t.test("the same, fed one byte at a time, with the key arriving after the records", async (t) => {
  const observer = new CertificateRequestObserver();
  feed(observer, Buffer.concat([RFC8448.serverHelloRecord, RFC8448.serverHandshakeRecord]), 1);
  t.notOk(observer.done, "waits for the key");
  t.match(observer.observation(), { requested: null, basis: /no SERVER_HANDSHAKE_TRAFFIC_SECRET/ });
  observer.onKeylogLine(rfc8448KeylogLine().toString());
  t.equal(observer.observation().requested, false);
});

t.test("invalid twins: tampered record, wrong secret, garbage, truncated flight", async (t) => {
  const tampered = Buffer.from(RFC8448.serverHandshakeRecord);
  tampered[200] = (tampered[200] ?? 0) ^ 1;
  const a = new CertificateRequestObserver();
  a.onKeylogLine(rfc8448KeylogLine());
  feed(a, Buffer.concat([RFC8448.serverHelloRecord, tampered]));
  t.match(a.observation(), { requested: null, basis: /could not decrypt/ });

  const b = new CertificateRequestObserver();
  b.onKeylogLine(`SERVER_HANDSHAKE_TRAFFIC_SECRET ${RFC8448.clientRandom} ${RFC8448.clientHandshakeTrafficSecret.toString("hex")}`);
  feed(b, Buffer.concat([RFC8448.serverHelloRecord, RFC8448.serverHandshakeRecord]));
  t.match(b.observation(), { requested: null, basis: /could not decrypt/ });

  const c = new CertificateRequestObserver();
  feed(c, Buffer.from("SIP/2.0 400 Bad Request\r\n\r\n"));
  t.match(c.observation(), { requested: null, basis: /could not parse/ });

  const d = new CertificateRequestObserver();
  d.onKeylogLine(rfc8448KeylogLine());
  feed(d, Buffer.concat([RFC8448.serverHelloRecord, RFC8448.serverHandshakeRecord.subarray(0, 300)]));
  t.match(d.observation(), { requested: null, basis: /ended before its Finished/ });

  const e = new CertificateRequestObserver();
  t.match(e.observation(), { requested: null, basis: /no TLS bytes/ });
  e.onKeylogLine("# a comment");
  e.onKeylogLine("not a key log line");
  t.notOk(e.done);
});

t.test("TLS 1.3 with a CertificateRequest, encrypted by node:crypto under keys from HKDF-Expand-Label", async (t) => {
  const secret = Buffer.alloc(48, 0x5a);
  const { key, iv } = trafficKeys("sha384", secret, 32);
  let sequence = 0n;
  const encrypt = (inner: Buffer): Buffer => {
    const nonce = Buffer.from(iv);
    nonce.writeBigUInt64BE(nonce.readBigUInt64BE(4) ^ sequence, 4);
    sequence += 1n;
    const plaintext = Buffer.concat([inner, Buffer.from([22]), Buffer.alloc(5)]); // content type + padding
    const header = Buffer.from([23, 3, 3, 0, 0]);
    header.writeUInt16BE(plaintext.length + 16, 3);
    const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: 16 });
    cipher.setAAD(header);
    return Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  };
  const serverHello = Buffer.from(RFC8448.serverHelloRecord);
  serverHello.writeUInt16BE(0x1302, 5 + 4 + 2 + 32 + 1); // TLS_AES_256_GCM_SHA384
  const encryptedExtensions = handshake(8, Buffer.from([0, 0]));
  const certificateRequest = handshake(13, Buffer.from([0, 0, 4, 0, 13, 0, 0]));
  const flight = Buffer.concat([encryptedExtensions, certificateRequest, handshake(11, Buffer.alloc(40)), handshake(20, Buffer.alloc(48))]);
  const bytes = Buffer.concat([
    helloRetryRequest(),
    record(20, Buffer.from([1])), // middlebox-compatibility ChangeCipherSpec
    serverHello,
    encrypt(flight.subarray(0, 7)), // CertificateRequest split across two records
    encrypt(flight.subarray(7)),
  ]);
  const observer = new CertificateRequestObserver();
  observer.onKeylogLine(`SERVER_HANDSHAKE_TRAFFIC_SECRET ${"ab".repeat(32)} ${secret.toString("hex")}`);
  feed(observer, bytes, 13);
  t.match(observer.observation(), {
    requested: true,
    protocol: "TLSv1.3",
    cipherSuite: "TLS_AES_256_GCM_SHA384",
    basis: /carried a CertificateRequest .*TLS_AES_256_GCM_SHA384, after a HelloRetryRequest/,
  });
});

t.test("TLS 1.2 in plaintext: CertificateRequest before ServerHelloDone, or none", async (t) => {
  const hello = record(22, handshake(2, tls12ServerHello()));
  const certificate = record(22, handshake(11, Buffer.alloc(600, 1)));
  const keyExchange = handshake(12, Buffer.alloc(300, 2));
  const request = handshake(13, Buffer.from([1, 1, 0, 2, 4, 1, 0, 0]));
  const done = handshake(14, Buffer.alloc(0));

  const asks = new CertificateRequestObserver();
  const messages = Buffer.concat([keyExchange, request, done]);
  feed(asks, Buffer.concat([hello, certificate, record(22, messages.subarray(0, 303)), record(22, messages.subarray(303))]), 7);
  t.match(asks.observation(), { requested: true, protocol: "TLSv1.2", cipherSuite: "0xC02F", basis: /carried a CertificateRequest \(read in plaintext\)/ });

  const silent = new CertificateRequestObserver();
  feed(silent, Buffer.concat([hello, certificate, record(22, Buffer.concat([keyExchange, done]))]));
  t.match(silent.observation(), { requested: false, basis: /ServerHelloDone without a CertificateRequest/ });

  const resumed = new CertificateRequestObserver();
  feed(resumed, Buffer.concat([hello, record(20, Buffer.from([1])), record(22, Buffer.alloc(40))]));
  t.match(resumed.observation(), { requested: false, basis: /resumed a TLS 1\.2 session/ });

  const cut = new CertificateRequestObserver();
  feed(cut, Buffer.concat([hello, certificate]));
  t.match(cut.observation(), { requested: null, basis: /ended before ServerHelloDone/ });
});

t.test("a plaintext alert ends observation with the alert kept", async (t) => {
  const early = new CertificateRequestObserver();
  feed(early, record(21, Buffer.from([2, 40])));
  t.match(early.observation(), { requested: false, serverAlert: 40, basis: /alert 40 before its ServerHello/ });
  early.onServerBytes(Buffer.from("ignored after the verdict"));
  t.equal(early.observation().serverAlert, 40);

  const midway = new CertificateRequestObserver();
  feed(midway, Buffer.concat([record(22, handshake(2, tls12ServerHello())), record(21, Buffer.from([2, 80]))]));
  t.match(midway.observation(), { requested: null, serverAlert: 80, basis: /alert 80 before its handshake showed/ });
});

t.test("a first handshake message other than ServerHello, and an unknown TLS 1.3 suite, give up with a reason", async (t) => {
  const odd = new CertificateRequestObserver();
  feed(odd, record(22, handshake(11, Buffer.alloc(3))));
  t.match(odd.observation(), { requested: null, basis: /type 11, not ServerHello/ });

  const hello = Buffer.from(RFC8448.serverHelloRecord);
  hello.writeUInt16BE(0x13ff, 5 + 4 + 2 + 32 + 1);
  const unknown = new CertificateRequestObserver();
  feed(unknown, hello);
  t.match(unknown.observation(), { requested: null, protocol: "TLSv1.3", cipherSuite: "0x13FF", basis: /not one the observer can decrypt/ });
});
