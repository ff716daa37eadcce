import t from "tap";
import { DER_CLASS_CONTEXT, DER_TAG, derOid, derText, derTime, readDer } from "./der-node.js";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

t.test("a SEQUENCE of an INTEGER and a context-specific [3] constructed element", async (t) => {
  // SEQUENCE { INTEGER 5, [3] { BOOLEAN TRUE } }
  const node = readDer(hex("30 08 02 01 05 a3 03 01 01 ff"));
  t.equal(node.tag, 16);
  t.ok(node.constructed);
  t.equal(node.children.length, 2);
  t.same([...(node.children[0]?.contents ?? [])], [5]);
  t.equal(node.children[1]?.tagClass, DER_CLASS_CONTEXT);
  t.equal(node.children[1]?.tag, 3);
  t.same([...(node.children[1]?.children[0]?.contents ?? [])], [0xff]);
});

t.test("long-form lengths (X.690 §8.1.3.5) and high tag numbers (§8.1.2.4)", async (t) => {
  const payload = Buffer.alloc(300, 0x61);
  const node = readDer(Buffer.concat([hex("04 82 01 2c"), payload]));
  t.equal(node.contents.length, 300);
  // [APPLICATION 201] primitive, empty: 0x5f, 0x81 0x49
  const high = readDer(hex("5f 81 49 00"));
  t.equal(high.tagClass, 1);
  t.equal(high.tag, 201);
});

t.test("malformed input throws rather than reading past the element", async (t) => {
  t.throws(() => readDer(hex("30 05 02 01 05")), /runs past the end/);
  t.throws(() => readDer(hex("30 80 02 01 05 00 00")), /indefinite length/);
  t.throws(() => readDer(hex("02 01 05 00")), /after the element/);
  t.throws(() => readDer(hex("30")), /truncated/);
  // a child that claims more than its parent holds
  t.throws(() => readDer(hex("30 03 04 05 61 62 63 64 65")), /runs past the end|after the element/);
});

t.test("object identifiers (X.690 §8.19)", async (t) => {
  // §8.19.5's example: { 2 999 3 } encodes as 06 03 88 37 03
  t.equal(derOid(readDer(hex("06 03 88 37 03"))), "2.999.3");
  // rsaEncryption, RFC 8017 Appendix C
  t.equal(derOid(readDer(hex("06 09 2a 86 48 86 f7 0d 01 01 01"))), "1.2.840.113549.1.1.1");
  // id-kp-serverAuth, RFC 5280 §4.2.1.12
  t.equal(derOid(readDer(hex("06 08 2b 06 01 05 05 07 03 01"))), "1.3.6.1.5.5.7.3.1");
  t.equal(derOid(undefined), "");
});

t.test("UTCTime and GeneralizedTime (RFC 5280 §4.1.2.5)", async (t) => {
  const utc = (text: string) => derTime({ tagClass: 0, tag: DER_TAG.UTC_TIME, constructed: false, contents: Buffer.from(text), children: [] });
  const generalized = (text: string) => derTime({ tagClass: 0, tag: DER_TAG.GENERALIZED_TIME, constructed: false, contents: Buffer.from(text), children: [] });
  t.equal(utc("491231235959Z").toISOString(), "2049-12-31T23:59:59.000Z");
  t.equal(utc("500101000000Z").toISOString(), "1950-01-01T00:00:00.000Z");
  t.equal(generalized("20500101000000Z").toISOString(), "2050-01-01T00:00:00.000Z");
  t.ok(Number.isNaN(utc("not a time").getTime()));
});

t.test("strings: UTF8String, BMPString and the 8-bit types", async (t) => {
  const text = (tag: number, contents: Buffer) => derText({ tagClass: 0, tag, constructed: false, contents, children: [] });
  t.equal(text(DER_TAG.UTF8_STRING, Buffer.from("Zürich", "utf8")), "Zürich");
  t.equal(text(DER_TAG.BMP_STRING, hex("00 5a 00 fc")), "Zü");
  t.equal(text(19, Buffer.from("contoso")), "contoso"); // PrintableString
  t.equal(text(DER_TAG.BMP_STRING, hex("00 5a 00")), "Z", "an odd trailing octet is dropped");
});
