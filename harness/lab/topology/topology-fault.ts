import { z } from "zod";
import { LISTENER_NAMES, type ListenerName } from "./address-plan-listeners.js";

/**
 * How a `faulty` server misbehaves (docs/design.md §5), changeable while the lab runs:
 * - `refuse`: connections are refused (TCP RST), like a stopped service;
 * - `black-hole`: connections are accepted and nothing is ever answered;
 * - `tls-abort`: the TLS handshake is aborted (docs/protocol.md §5: an unusable certificate gives "no SIP response at all");
 * - `slow`: every answer is delayed by `delayMs`;
 * - `service-unavailable`: requests are answered `503 Service Unavailable` (status and reason configurable);
 * - `drop-mid-call`: calls are answered, then the connection is closed `afterMs` later without a BYE;
 * - `garbage`: `text` is sent instead of a SIP response;
 * - `media`: calls are answered normally and the media misbehaves as `media` says (docs/media.md §8);
 * - `sdp-in-ringing`: calls are answered normally after a `180 Ringing` that carries the SDP answer (docs/protocol.md
 *   §10 "Field failures": "SDP in a 180 Ringing breaking UCMA (no audio)").
 */
export type FaultKind = "refuse" | "black-hole" | "tls-abort" | "slow" | "service-unavailable" | "drop-mid-call" | "garbage" | "media" | "sdp-in-ringing";

/**
 * How a `media` fault misbehaves (docs/media.md §8): `silent` sends nothing; `one-way` sends but never receives (its
 * RTCP names none of the caller's packets); `plain-rtp` sends RTP on an agreed SRTP stream; `wrong-key` protects with
 * a key other than its SDP's; `no-mki` writes no MKI although its key has one; `stop` stops sending `afterMs` into the
 * call; `other-port` sends from a port its SDP does not name.
 */
export const MEDIA_FAULT_KINDS = ["silent", "one-way", "plain-rtp", "wrong-key", "no-mki", "stop", "other-port"] as const;
export type MediaFaultKind = (typeof MEDIA_FAULT_KINDS)[number];

export const FAULT_KINDS: readonly FaultKind[] = [
  "refuse",
  "black-hole",
  "tls-abort",
  "slow",
  "service-unavailable",
  "drop-mid-call",
  "garbage",
  "media",
  "sdp-in-ringing",
];

/** Fields every fault has: where it applies. */
const scope = {
  listeners: z
    .array(z.enum(LISTENER_NAMES as [ListenerName, ...ListenerName[]]))
    .min(1)
    .optional()
    .describe("The listeners the fault applies to (e.g. [worker-tls]); every listener of the server when omitted"),
  methods: z
    .array(z.string().trim().toUpperCase().regex(/^[A-Z]+$/, { message: "expected a SIP method such as INVITE" }))
    .min(1)
    .optional()
    .describe("The SIP methods the fault applies to (e.g. [INVITE]); every method when omitted"),
};

export const faultSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("refuse"), ...scope }),
    z.strictObject({ kind: z.literal("black-hole"), ...scope }),
    z.strictObject({ kind: z.literal("tls-abort"), ...scope }),
    z.strictObject({
      kind: z.literal("slow"),
      delayMs: z.number().int().min(0).max(600_000).default(5_000).describe("How long every answer is held back"),
      ...scope,
    }),
    z.strictObject({
      kind: z.literal("service-unavailable"),
      status: z.number().int().min(500).max(599).default(503),
      reason: z.string().min(1).default("Service Unavailable"),
      ...scope,
    }),
    z.strictObject({
      kind: z.literal("drop-mid-call"),
      afterMs: z.number().int().min(0).max(600_000).default(2_000).describe("How long after the 200 OK the connection is dropped"),
      ...scope,
    }),
    z.strictObject({
      kind: z.literal("garbage"),
      text: z.string().max(65_536).default("SIP/2.0 ???\r\n\u0000\u00ff garbage\r\n\r\n").describe("What is sent instead of a response"),
      ...scope,
    }),
    z.strictObject({
      kind: z.literal("media"),
      media: z.enum(MEDIA_FAULT_KINDS).describe("How the media of the calls it answers misbehaves"),
      afterMs: z.number().int().min(0).max(600_000).default(2_000).describe("With media: stop, how long the media plays before it stops"),
      ...scope,
    }),
    z.strictObject({ kind: z.literal("sdp-in-ringing"), ...scope }),
  ])
  .describe("How the server misbehaves when its state is faulty");

export type Fault = z.output<typeof faultSchema>;
