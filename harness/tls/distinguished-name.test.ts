import { X509Certificate } from "node:crypto";
import t from "tap";
import { createRootCa } from "../pki/create-root-ca.js";
import { generateRsaKeyPair } from "../pki/key-pair.js";
import { certificateNames, certificateRequestAuthorities, distinguishedNameText } from "./distinguished-name.js";

const root = createRootCa({ commonName: "Test Root Ü", keyPair: generateRsaKeyPair(1024) });
const der = Buffer.from(new X509Certificate(root.certPem).raw);
const subject = certificateNames(der).subject;

const u8 = (value: number) => Buffer.from([value]);
const u16 = (value: number) => Buffer.from([value >> 8, value & 0xff]);
const vector16 = (body: Buffer) => Buffer.concat([u16(body.length), body]);
const names = (list: Buffer[]) => vector16(Buffer.concat(list.map(vector16)));

t.test("a certificate's Names, as DER and as text", async (t) => {
  const names = certificateNames(der);
  t.ok(names.issuer.equals(names.subject), "a root is its own issuer");
  t.match(distinguishedNameText(subject), /CN=Test Root Ü/, "UTF8String read as UTF-8");
  t.throws(() => distinguishedNameText(subject.subarray(0, subject.length - 3)), /DER/);
  t.throws(() => certificateNames(subject), "a Name is not a certificate");
});

t.test("TLS 1.2 CertificateRequest: certificate_types, signature algorithms, certificate_authorities (RFC 5246 §7.4.4)", async (t) => {
  const body = Buffer.concat([u8(1), u8(1), vector16(Buffer.from([4, 1])), names([subject, subject])]);
  const parsed = certificateRequestAuthorities(body, false);
  t.equal(parsed.length, 2);
  t.ok(parsed[0]?.equals(subject));
  t.same(certificateRequestAuthorities(Buffer.concat([u8(1), u8(1), vector16(Buffer.from([4, 1])), u16(0)]), false), [], "an empty list");
  t.throws(() => certificateRequestAuthorities(body.subarray(0, body.length - 1), false), /truncated/);
});

t.test("TLS 1.3 CertificateRequest: the certificate_authorities extension (RFC 8446 §4.2.4)", async (t) => {
  const sigalgs = Buffer.concat([u16(13), vector16(vector16(Buffer.from([8, 4])))]);
  const authorities = Buffer.concat([u16(47), vector16(names([subject]))]);
  const body = Buffer.concat([u8(0), vector16(Buffer.concat([sigalgs, authorities]))]);
  const parsed = certificateRequestAuthorities(body, true);
  t.equal(parsed.length, 1);
  t.ok(parsed[0]?.equals(subject));
  t.same(certificateRequestAuthorities(Buffer.concat([u8(0), vector16(sigalgs)]), true), [], "no extension: no names");
});
