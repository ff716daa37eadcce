import t from "tap";
import { HandshakeReader } from "./handshake-reader.js";
import { TlsRecordReader } from "./tls-record-reader.js";
import { RFC8448 } from "./tls-test-fixtures.test.js";

t.test("records come out whole however the stream is cut", async (t) => {
  const stream = Buffer.concat([RFC8448.serverHelloRecord, RFC8448.serverHandshakeRecord]);
  for (const step of [1, 2, 5, 7, 64, stream.length]) {
    const reader = new TlsRecordReader();
    const records = [];
    for (let offset = 0; offset < stream.length; offset += step) records.push(...reader.push(stream.subarray(offset, offset + step)));
    t.same(records.map((record) => [record.type, record.version, record.fragment.length]), [[22, 0x0303, 0x5a], [23, 0x0303, 0x2a2]], `step ${step}`);
    t.same(records[1]?.header, RFC8448.serverHandshakeRecord.subarray(0, 5));
  }
});

t.test("bytes that cannot be TLS records are refused", async (t) => {
  t.throws(() => new TlsRecordReader().push(Buffer.from("OPTIONS sip:x SIP/2.0\r\n")), /content type/);
  t.throws(() => new TlsRecordReader().push(Buffer.from([22, 9, 9, 0, 1, 0])), /version/);
  t.throws(() => new TlsRecordReader().push(Buffer.from([23, 3, 3, 0xff, 0xff])), /length/);
});

t.test("handshake messages are reassembled across fragments", async (t) => {
  const reader = new HandshakeReader();
  const message = Buffer.concat([Buffer.from([13, 0, 0, 5]), Buffer.from([1, 2, 3, 4, 5]), Buffer.from([14, 0, 0, 0])]);
  t.same(reader.push(message.subarray(0, 3)), []);
  t.equal(reader.pending, 3);
  const out = reader.push(message.subarray(3));
  t.same(out.map((m) => [m.type, m.body.length]), [[13, 5], [14, 0]]);
  t.throws(() => new HandshakeReader().push(Buffer.from([11, 0xff, 0xff, 0xff])), /handshake message/);
});
