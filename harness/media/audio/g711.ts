/**
 * ITU-T G.711 µ-law (PCMU) and A-law (PCMA) companding between 16-bit linear PCM and 8-bit codes, written here
 * rather than imported: the harness must decode whatever a peer sends, including Buffer views into a larger
 * datagram (`dtmf-detection-stream` found nothing in views with a non-zero byteOffset, docs/media.md). These
 * functions index the view itself and never touch `.buffer`, so the offset cannot be lost.
 *
 * G.711 defines the segments and the code words on 14-bit (µ-law) and 13-bit (A-law) uniform samples; the
 * 16-bit samples here are those, left-justified. Where two integer inputs sit exactly on a decision value,
 * implementations may round differently: this one rounds as the common "Sun" g711.c family does (negative inputs
 * negated in two's complement), which is bit-exact with `alawmulaw`, the test oracle, for all 65536 inputs. The
 * ITU-T G.191 reference tools take the one's complement (−x−1) of negative inputs instead, so they give the
 * neighbouring code for the negative samples that lie exactly on a decision value (e.g. A-law −16: 0x55 there,
 * decoding to −8; 0x54 here, decoding to −24; both half a step from the input). The decoders agree.
 */

/** The two G.711 payloads of RFC 3551 §4.5.14: PCMU is static payload type 0, PCMA type 8. */
export type G711Codec = "PCMU" | "PCMA";

/** The code of a zero sample: what a G.711 sender puts in a silent frame. */
export const G711_SILENCE: Readonly<Record<G711Codec, number>> = { PCMU: 0xff, PCMA: 0xd5 };

/** µ-law: the bias added before finding the segment (33 in 14-bit units, 0x84 left-justified), G.711 Table 2. */
const MU_LAW_BIAS = 0x84;
/** The largest magnitude that still fits the top segment once biased (32635 + 132 = 32767). */
const CLIP = 32635;

/** Number of significant bits of a non-negative integer (0 for 0). */
const bitLength = (n: number): number => 32 - Math.clz32(n);

/**
 * G.711 §2 / Table 2 (µ-law): sign bit, 3-bit segment, 4-bit step; "the character signals… are inverted" (all
 * bits complemented on the line), so a zero sample is sent as 0xFF.
 */
export function encodeMuLawSample(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(sample < 0 ? -sample : sample, CLIP) + MU_LAW_BIAS;
  const segment = Math.max(0, bitLength(magnitude) - 8);
  const step = (magnitude >> (segment + 3)) & 0x0f;
  return ~(sign | (segment << 4) | step) & 0xff;
}

/** The inverse of `encodeMuLawSample`: the decoder output value of G.711 Table 2, left-justified to 16 bits. */
export function decodeMuLawSample(code: number): number {
  const bits = ~code & 0xff;
  const segment = (bits >> 4) & 0x07;
  const magnitude = ((((bits & 0x0f) << 3) + MU_LAW_BIAS) << segment) - MU_LAW_BIAS;
  return bits & 0x80 ? -magnitude : magnitude;
}

/**
 * G.711 §2 / Table 1 (A-law): sign bit (1 = positive), 3-bit segment, 4-bit step; "the even bits… are inverted"
 * (XOR 0x55), so a zero sample is sent as 0xD5.
 */
export function encodeALawSample(sample: number): number {
  const positive = sample >= 0;
  const magnitude = Math.min(positive ? sample : -sample, CLIP);
  // Segments 0 and 1 share a step size (16 here): 0–255 is segment 0, then one segment per doubling.
  const segment = magnitude < 256 ? 0 : bitLength(magnitude) - 8;
  const step = segment === 0 ? magnitude >> 4 : (magnitude >> (segment + 3)) & 0x0f;
  return ((segment << 4) | step) ^ (positive ? 0xd5 : 0x55);
}

/** The inverse of `encodeALawSample`: the middle of the decision interval, G.711 Table 1, left-justified. */
export function decodeALawSample(code: number): number {
  const bits = (code ^ 0x55) & 0xff;
  const segment = (bits >> 4) & 0x07;
  const step = bits & 0x0f;
  const magnitude = segment === 0 ? (step << 4) + 8 : ((step << 4) + 0x108) << (segment - 1);
  return bits & 0x80 ? magnitude : -magnitude;
}

const table = (decode: (code: number) => number): Int16Array =>
  Int16Array.from({ length: 256 }, (_, code) => decode(code));
const MU_LAW_DECODED = table(decodeMuLawSample);
const A_LAW_DECODED = table(decodeALawSample);

function encodeWith(encode: (sample: number) => number, pcm: Int16Array): Buffer {
  const out = Buffer.allocUnsafe(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = encode(pcm[i]!);
  return out;
}

function decodeWith(decoded: Int16Array, bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length);
  // Index the view (bytes[i]), never bytes.buffer: a Buffer from a datagram is a view at some byteOffset.
  for (let i = 0; i < bytes.length; i++) out[i] = decoded[bytes[i]!]!;
  return out;
}

/** 16-bit linear PCM → µ-law bytes, one byte per sample (160 bytes per 20 ms at 8 kHz, RFC 3551 §4.5.14). */
export const encodeMuLaw = (pcm: Int16Array): Buffer => encodeWith(encodeMuLawSample, pcm);
/** µ-law bytes (any Uint8Array view, Buffers included) → 16-bit linear PCM. */
export const decodeMuLaw = (bytes: Uint8Array): Int16Array => decodeWith(MU_LAW_DECODED, bytes);
/** 16-bit linear PCM → A-law bytes. */
export const encodeALaw = (pcm: Int16Array): Buffer => encodeWith(encodeALawSample, pcm);
/** A-law bytes (any Uint8Array view, Buffers included) → 16-bit linear PCM. */
export const decodeALaw = (bytes: Uint8Array): Int16Array => decodeWith(A_LAW_DECODED, bytes);

/** Encode with the codec the SDP negotiated. */
export function encodeG711(codec: G711Codec, pcm: Int16Array): Buffer {
  return codec === "PCMU" ? encodeMuLaw(pcm) : encodeALaw(pcm);
}

/** Decode with the codec the SDP negotiated (the payload type of the packet: 0 PCMU, 8 PCMA). */
export function decodeG711(codec: G711Codec, bytes: Uint8Array): Int16Array {
  return codec === "PCMU" ? decodeMuLaw(bytes) : decodeALaw(bytes);
}
