import { z } from "zod";
import { failureCodesOf } from "./failure-code.js";
import type { AudioMeasure, MediaAddress, MediaEvidence, MediaReceived, MediaSent, MediaTimeline, PeerReport } from "./media-evidence.js";
import type { SchemaFits } from "./schema-fits.js";

const address = z.strictObject({ address: z.string(), port: z.number() });
const _addressFits: SchemaFits<typeof address, MediaAddress> = true;

const mki = z.strictObject({ value: z.number(), length: z.number() }).nullable();

const audio = z.strictObject({
  frames: z.number(),
  nonSilentPercent: z.number(),
  levelDbfs: z.number().nullable(),
  tones: z.array(z.number()),
});
const _audioFits: SchemaFits<typeof audio, AudioMeasure> = true;

const sent = z.strictObject({ packets: z.number(), bytes: z.number(), rtcpPackets: z.number(), dtmf: z.string(), errors: z.number() });
const _sentFits: SchemaFits<typeof sent, MediaSent> = true;

const received = z.strictObject({
  packets: z.number(),
  bytes: z.number(),
  authenticated: z.number(),
  authFailed: z.number(),
  replayed: z.number(),
  mkiMismatch: z.number(),
  plainRtp: z.number(),
  notRtp: z.number(),
  fromOtherAddress: z.number(),
  otherSource: address.nullable(),
  lost: z.number(),
  jitterMs: z.number(),
  firstPacketMs: z.number().nullable(),
  lastPacketMs: z.number().nullable(),
  payloadTypes: z.array(z.number()),
  dtmf: z.string(),
  rtcpPackets: z.number(),
  audio: audio.nullable(),
});
const _receivedFits: SchemaFits<typeof received, MediaReceived> = true;

const peerReport = z.strictObject({
  reports: z.number(),
  aboutUs: z.number(),
  packetsReceived: z.number().nullable(),
  cumulativeLost: z.number().nullable(),
  jitterMs: z.number().nullable(),
});
const _peerReportFits: SchemaFits<typeof peerReport, PeerReport> = true;

const timeline = z.strictObject({ binMs: z.number(), sent: z.array(z.number()), received: z.array(z.number()) });
const _timelineFits: SchemaFits<typeof timeline, MediaTimeline> = true;

const mediaEvidence = z.strictObject({
  protection: z.enum(["srtp", "rtp"]),
  suite: z.string().nullable(),
  mki: z.strictObject({ sent: mki, received: mki }),
  codec: z.string(),
  telephoneEvent: z.number().nullable(),
  rtcpMux: z.boolean(),
  local: address,
  remote: address,
  durationMs: z.number(),
  sent,
  received,
  peerReport: peerReport.nullable(),
  timeline,
  verdict: z.enum(["two-way", "one-way-in", "one-way-out", "none"]),
  failure: z.strictObject({ code: z.enum(failureCodesOf("rtp")), message: z.string() }).nullable(),
});

/** A call's {@link MediaEvidence}, both directions as measured on the wire. */
export const mediaEvidenceSchema: z.ZodType<MediaEvidence> = mediaEvidence;
const _mediaEvidenceFits: SchemaFits<typeof mediaEvidence, MediaEvidence> = true;
