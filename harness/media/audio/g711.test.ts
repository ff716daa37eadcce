import alawmulaw from "alawmulaw";
import t from "tap";
import {
  G711_SILENCE,
  decodeALaw,
  decodeALawSample,
  decodeG711,
  decodeMuLaw,
  decodeMuLawSample,
  encodeALaw,
  encodeALawSample,
  encodeG711,
  encodeMuLaw,
  encodeMuLawSample,
} from "./g711.js";

// alawmulaw is the independent oracle (docs/media.md); production code never imports it.
const { alaw, mulaw } = alawmulaw;
const ALL_CODES = Uint8Array.from({ length: 256 }, (_, code) => code);
const ALL_SAMPLES = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);

const firstDifference = (a: ArrayLike<number>, b: ArrayLike<number>): string | null => {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `index ${i}: ${a[i]} vs ${b[i]}`;
  return null;
};

t.test("decoding every one of the 256 codes equals alawmulaw", async (t) => {
  t.equal(firstDifference(decodeMuLaw(ALL_CODES), mulaw.decode(ALL_CODES)), null, "µ-law");
  t.equal(firstDifference(decodeALaw(ALL_CODES), alaw.decode(ALL_CODES)), null, "A-law");
});

t.test("encoding every 16-bit sample value equals alawmulaw", async (t) => {
  t.equal(firstDifference(encodeMuLaw(ALL_SAMPLES), mulaw.encode(ALL_SAMPLES)), null, "µ-law, -32768…32767");
  t.equal(firstDifference(encodeALaw(ALL_SAMPLES), alaw.encode(ALL_SAMPLES)), null, "A-law, -32768…32767");
});

t.test("silence, extremes and the decoder table of G.711", async (t) => {
  t.equal(encodeMuLawSample(0), 0xff, "µ-law zero is 0xFF (all bits inverted)");
  t.equal(encodeALawSample(0), 0xd5, "A-law zero is 0xD5 (even bits inverted)");
  t.same(G711_SILENCE, { PCMU: 0xff, PCMA: 0xd5 });
  t.same([...encodeG711("PCMU", new Int16Array(3))], [0xff, 0xff, 0xff]);
  t.same([...encodeG711("PCMA", new Int16Array(3))], [0xd5, 0xd5, 0xd5]);
  t.equal(decodeMuLawSample(0x80), 32124, "µ-law largest positive");
  t.equal(decodeMuLawSample(0x00), -32124, "µ-law largest negative");
  t.equal(decodeALawSample(0xaa), 32256, "A-law largest positive");
  t.equal(decodeALawSample(0x2a), -32256, "A-law largest negative");
  t.equal(encodeMuLawSample(32767), 0x80, "µ-law clips at the top");
  t.equal(encodeALawSample(-32768), 0x2a, "A-law clips at the bottom");
});

t.test("re-encoding a decoded code gives the code back (only µ-law's negative zero, 0x7F, becomes 0xFF)", async (t) => {
  const changed = (encode: (sample: number) => number, decode: (code: number) => number) =>
    [...ALL_CODES].filter((code) => encode(decode(code)) !== code);
  t.same(changed(encodeALawSample, decodeALawSample), [], "A-law: every code");
  t.same(changed(encodeMuLawSample, decodeMuLawSample), [0x7f], "µ-law: every code but negative zero");
  t.equal(encodeMuLawSample(decodeMuLawSample(0x7f)), 0xff);
});

t.test("a Buffer view at a non-zero byteOffset decodes its own bytes, not the start of the datagram", async (t) => {
  const pcm = Int16Array.from({ length: 160 }, (_, i) => Math.round(8000 * Math.sin(i / 3)));
  for (const codec of ["PCMU", "PCMA"] as const) {
    const payload = encodeG711(codec, pcm);
    const datagram = Buffer.concat([Buffer.from([0x80, 0x00, 0xaa, 0x55, 1, 2, 3, 4, 5, 6, 7, 8, 9]), payload]);
    const view = datagram.subarray(13);
    t.equal(view.byteOffset - datagram.byteOffset, 13, "really a view");
    t.equal(firstDifference(decodeG711(codec, view), decodeG711(codec, Uint8Array.from(payload))), null, codec);
    t.equal(decodeG711(codec, view).length, 160, `${codec}: 160 samples, not the whole datagram`);
  }
});

t.test("the codec name picks the law", async (t) => {
  const pcm = Int16Array.of(1000, -1000);
  t.same([...encodeG711("PCMU", pcm)], [...encodeMuLaw(pcm)]);
  t.same([...encodeG711("PCMA", pcm)], [...encodeALaw(pcm)]);
  t.not(encodeG711("PCMU", pcm)[0], encodeG711("PCMA", pcm)[0], "the two laws differ");
  t.same([...decodeG711("PCMU", Uint8Array.of(0x80))], [32124]);
  t.same([...decodeG711("PCMA", Uint8Array.of(0x80))], [...decodeALaw(Uint8Array.of(0x80))]);
  t.ok(Buffer.isBuffer(encodeG711("PCMA", pcm)), "a Buffer, ready for an RTP payload");
});
