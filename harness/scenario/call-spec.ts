import { z } from "zod";
import { CALL_OFFERS } from "../model/call-offer.js";
import { ENCRYPTION_LEVELS, type EncryptionLevel } from "../model/encryption-level.js";
import { SRTP_MODES, type SrtpMode } from "../model/srtp-mode.js";
import { callDestinationSchema } from "./call-destination.js";
import { durationSchema } from "./duration.js";
import { targetRefSchema } from "./target-ref.js";

export const transportSchema = z
  .enum(["tls", "tcp"])
  .describe("tls (mutual TLS when we have a certificate and the server asks) or tcp (gateway persona only)")
  .meta({ id: "transport" });

/** Headers the harness writes itself (RFC 3261 §8.1.1, §20): a step's `headers` may not set them. */
const HARNESS_HEADERS = ["via", "v", "call-id", "i", "cseq", "from", "f", "to", "t", "contact", "m", "content-length", "l", "content-type", "c", "max-forwards", "route", "record-route"];

const callFields = {
  to: callDestinationSchema,
  encryption: z
    .enum(ENCRYPTION_LEVELS as [EncryptionLevel, ...EncryptionLevel[]])
    .optional()
    .describe("Lync/SfB EncryptionLevel the offer is written for (default: the pool's, RequireEncryption)"),
  srtpMode: z
    .enum(SRTP_MODES as [SrtpMode, ...SrtpMode[]])
    .optional()
    .describe("Trunk SRTPMode the offer is written for instead (default for mediation and gateway: the trunk's, Required)"),
  transport: transportSchema.optional(),
  hold: durationSchema
    .optional()
    .describe("How long an answered call stays up before our BYE (default 0); media is sent and measured on calls held 1 s or more"),
  dtmf: z
    .strictObject({
      digits: z.string().regex(/^[0-9*#A-D]+$/, { message: "expected DTMF digits: 0-9, *, # and A-D" }).describe("RFC 4733 digits, e.g. 1001#1234#"),
      at: durationSchema.optional().describe("When after the answer the digits start (default 1s)"),
    })
    .optional()
    .describe("RFC 4733 digits sent during the hold (docs/media.md §6)"),
  srtpMki: z
    .boolean()
    .optional()
    .describe("Offer Lync's SRTP line with an MKI besides the one without (default true); false offers only the line without"),
  offer: z
    .enum(CALL_OFFERS)
    .optional()
    .describe("What the INVITE offers: audio (default) or fax (T.38 only, m=image udptl t38; docs/protocol.md §8)"),
  headers: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z0-9-]+:[ \t]*[^\s][^\r\n]*$/, { message: "expected one Name: value header line" })
        .refine((line) => !HARNESS_HEADERS.includes(line.slice(0, line.indexOf(":")).trim().toLowerCase()), {
          message: "the harness writes this header itself",
          params: { hint: "extra headers only (Diversion, History-Info, …)" },
        }),
    )
    .optional()
    .describe("Extra headers on every INVITE, after the destination's own (e.g. 'Diversion: <sip:bob@contoso.com>' on a pilot: docs/protocol.md §8)"),
};

/** EncryptionLevel and SRTPMode are two vocabularies for one choice: give one. */
function oneMediaSetting(call: { encryption?: EncryptionLevel | undefined; srtpMode?: SrtpMode | undefined }, ctx: z.RefinementCtx): void {
  if (call.encryption !== undefined && call.srtpMode !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["srtpMode"],
      message: "give encryption (a pool's EncryptionLevel) or srtpMode (a trunk's SRTPMode), not both",
      params: { hint: "keep the one of the persona you play: encryption for pool, srtpMode for mediation and gateway" },
    });
  }
}

/** `call: { to, encryption? | srtpMode?, transport?, hold?, dtmf?, srtpMki?, headers?, via? }`. */
export const callSpecSchema = z
  .strictObject({
    ...callFields,
    via: targetRefSchema
      .optional()
      .describe("Where the INVITE is sent first (default: the Call Router, or Exchange 2010 UM server, of the destination's dial plan)"),
  })
  .superRefine(oneMediaSetting)
  .describe("An INVITE with an offer for an EncryptionLevel or SRTPMode; follows 302s; ACK, BYE");

/** The call a failover step places on each server in turn (its `via` is the server list). */
export const failoverCallSchema = z.strictObject(callFields).superRefine(oneMediaSetting).describe("The call placed on each server in turn");

export type CallSpec = z.output<typeof callSpecSchema>;
export type FailoverCallSpec = z.output<typeof failoverCallSchema>;
