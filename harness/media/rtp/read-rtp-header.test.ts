import t from "tap";
import { readRtpHeader } from "./read-rtp-header.js";

function header(opts: { cc?: number; extensionWords?: number; version?: number } = {}): Buffer {
  const cc = opts.cc ?? 0;
  const x = opts.extensionWords !== undefined;
  const fixed = Buffer.alloc(12);
  fixed.writeUInt8(((opts.version ?? 2) << 6) | (x ? 0x10 : 0) | cc, 0);
  fixed.writeUInt8(0x80 | 8, 1); // marker, PCMA
  fixed.writeUInt16BE(4660, 2);
  fixed.writeUInt32BE(160, 4);
  fixed.writeUInt32BE(0xcafebabe, 8);
  const csrcs = Buffer.alloc(4 * cc, 0x11);
  const extension = x ? Buffer.concat([Buffer.from([0xbe, 0xde, 0, opts.extensionWords ?? 0]), Buffer.alloc(4 * (opts.extensionWords ?? 0), 0x22)]) : Buffer.alloc(0);
  return Buffer.concat([fixed, csrcs, extension]);
}

t.test("header length counts CSRCs (RFC 3550 §5.1) and the header extension (§5.3.1)", async (t) => {
  const payload = Buffer.alloc(160, 0xd5);
  const cases = [
    { name: "fixed header only", head: header(), length: 12 },
    { name: "two CSRCs", head: header({ cc: 2 }), length: 20 },
    { name: "extension of 2 words", head: header({ extensionWords: 2 }), length: 24 },
    { name: "15 CSRCs and a 1-word extension", head: header({ cc: 15, extensionWords: 1 }), length: 12 + 60 + 8 },
    { name: "empty extension", head: header({ extensionWords: 0 }), length: 16 },
  ];
  for (const { name, head, length } of cases) {
    const read = readRtpHeader(Buffer.concat([head, payload]));
    t.same(read, { ok: true, header: { marker: true, payloadType: 8, sequenceNumber: 4660, timestamp: 160, ssrc: 0xcafebabe, headerLength: length } }, name);
  }
});

t.test("buffers that are not RTP say why", async (t) => {
  const cases = [
    { name: "5 bytes", packet: Buffer.alloc(5), problem: "too-short", detail: /5 bytes is shorter than the 12-byte RTP header/ },
    { name: "version 0", packet: Buffer.concat([header({ version: 0 }), Buffer.alloc(160)]), problem: "not-rtp", detail: /version 0, not 2/ },
    { name: "CSRCs beyond the end", packet: header({ cc: 4 }).subarray(0, 20), problem: "not-rtp", detail: /header of 28 bytes/ },
    { name: "X bit without room for the extension", packet: header({ extensionWords: 0 }).subarray(0, 14), problem: "not-rtp", detail: /X bit set/ },
    { name: "extension longer than the packet", packet: header({ extensionWords: 3 }).subarray(0, 20), problem: "not-rtp", detail: /header of 28 bytes/ },
  ];
  for (const { name, packet, problem, detail } of cases) t.match(readRtpHeader(packet), { ok: false, problem, detail }, name);
});
