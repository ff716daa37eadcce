import t from "tap";
import { FramingError } from "./framing-error.js";
import { MessageFramer } from "./message-framer.js";

const options =
  "OPTIONS sip:cas01.tukwila.contoso.com SIP/2.0\r\nVia: SIP/2.0/TLS a;branch=z9hG4bK1\r\nCall-ID: 1\r\nContent-Length: 0\r\n\r\n";
// "é" and "€" are 2 and 3 bytes: a framer that counts characters would cut this body short.
const body = "v=0\r\ns=é€\r\n";
const invite =
  "INVITE sip:alice@contoso.com SIP/2.0\r\nCall-ID: 2\r\nContent-Type: application/sdp\r\n" +
  `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const compact = `SIP/2.0 200 OK\r\ni: 3\r\nl: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

t.test("split at every byte, each message comes out whole and once", async (t) => {
  const stream = Buffer.from(options + invite + compact);
  for (let cut = 1; cut < stream.length; cut++) {
    const framer = new MessageFramer();
    const out = [...framer.push(stream.subarray(0, cut)), ...framer.push(stream.subarray(cut))];
    t.same(out, [options, invite, compact], `cut at ${cut}`);
    t.equal(framer.pendingBytes, 0);
  }
});

t.test("byte by byte", async (t) => {
  const framer = new MessageFramer();
  const out: string[] = [];
  for (const byte of Buffer.from(invite)) out.push(...framer.push(Buffer.from([byte])));
  t.same(out, [invite]);
});

t.test("pipelined messages in one chunk, with CRLF keep-alives between them", async (t) => {
  const framer = new MessageFramer();
  t.same(framer.push(Buffer.from(`\r\n\r\n${options}\r\n${invite}\r\n\r\n`)), [options, invite]);
  t.equal(framer.pendingBytes, 0);
});

t.test("header names are case-insensitive, white space before the colon allowed", async (t) => {
  const text = "SIP/2.0 200 OK\r\ncontent-length  : 2\r\n\r\nhi";
  t.same(new MessageFramer().push(Buffer.from(text)), [text]);
  const compactUpper = "SIP/2.0 200 OK\r\nL:2\r\n\r\nhi";
  t.same(new MessageFramer().push(Buffer.from(compactUpper)), [compactUpper]);
});

t.test("no Content-Length means no body", async (t) => {
  const text = "OPTIONS sip:x SIP/2.0\r\nCall-ID: 9\r\n\r\n";
  t.same(new MessageFramer().push(Buffer.from(text + text)), [text, text]);
});

t.test("a partial message waits for more bytes", async (t) => {
  const framer = new MessageFramer();
  t.same(framer.push(Buffer.from(invite.slice(0, -3))), []);
  t.ok(framer.pendingBytes > 0);
});

const bad: Array<[string, string, string, { maxHeaderBytes?: number; maxBodyBytes?: number }?]> = [
  ["negative length", "SIP/2.0 200 OK\r\nContent-Length: -1\r\n\r\n", "bad-content-length"],
  ["non-numeric length", "SIP/2.0 200 OK\r\nContent-Length: abc\r\n\r\n", "bad-content-length"],
  ["two different lengths", "SIP/2.0 200 OK\r\nContent-Length: 1\r\nl: 2\r\n\r\n", "bad-content-length"],
  ["absurd length", "SIP/2.0 200 OK\r\nContent-Length: 99999999\r\n\r\n", "body-too-large"],
  ["body over the bound", "SIP/2.0 200 OK\r\nContent-Length: 11\r\n\r\n", "body-too-large", { maxBodyBytes: 10 }],
  ["headers over the bound", `SIP/2.0 200 OK\r\nX: ${"a".repeat(100)}\r\n\r\n`, "header-too-large", { maxHeaderBytes: 64 }],
  ["no end of headers within the bound", `SIP/2.0 200 OK\r\nX: ${"a".repeat(100)}`, "header-too-large", { maxHeaderBytes: 64 }],
];
for (const [name, text, code, limits] of bad) {
  t.test(`rejects ${name} with ${code}, and stays failed`, async (t) => {
    const framer = new MessageFramer(limits);
    t.throws(() => framer.push(Buffer.from(text)), { name: "FramingError", code });
    t.throws(() => framer.push(Buffer.from(options)), FramingError);
  });
}

t.test("the same length given twice is fine", async (t) => {
  const text = "SIP/2.0 200 OK\r\nContent-Length: 2\r\nl: 2\r\n\r\nok";
  t.same(new MessageFramer().push(Buffer.from(text)), [text]);
});

t.test("requireSipStart: bytes that cannot begin SIP fail at once; SIP, even in pieces, does not", async (t) => {
  const strict = () => new MessageFramer({ requireSipStart: true });
  t.throws(() => strict().push(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\n")), { code: "not-sip", message: /it began "HTTP\/1\.1 400/ });
  t.throws(() => strict().push(Buffer.from([0x16, 0x03, 0x01, 0x00])), { code: "not-sip" }, "a TLS record on a TCP connection");
  t.throws(() => strict().push(Buffer.from("SIP/2.0 abc\r\n\r\n")), { code: "not-sip" }, "a status line without a status code");
  const pieces = strict();
  for (const piece of ["SI", "P/2.0 2", "00 OK\r\nContent-Length: 0\r\n", "\r\n"]) {
    const messages = pieces.push(Buffer.from(piece));
    if (piece === "\r\n") t.same(messages, ["SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n"]);
  }
  t.same(strict().push(Buffer.from("BYE sip:exum@127.0.0.1:5061;transport=tls SIP/2.0\r\nContent-Length: 0\r\n\r\n")).length, 1, "a request from the peer");
  t.same(new MessageFramer().push(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\n")).length, 1, "off by default: the lab answers malformed requests itself");
});
