import { z } from "zod";
import { LINT_RULES } from "../pki/lint-rules.js";
import { SRTP_SUITES } from "../sdp/srtp-suites.js";
import { VOIP_SECURITY_VALUES, type VoipSecurity } from "../model/voip-security.js";
import { FAILURE_CODES } from "../model/failure-code.js";

/** The pieces expectations are made of; step-expectations.ts puts them together per step kind. */

export const statusExpectSchema = z.number().int().min(100).max(699).describe("The final SIP status of the last request (e.g. 200, 403, 488)");

export const failureExpectSchema = z
  .enum(FAILURE_CODES)
  .describe("The stable failure code the step ends with (docs/failure-codes.md: connection, SIP, media and failover codes)")
  .meta({ id: "failureCode" });

/** What was negotiated on an answered call: the probe's `negotiated` (docs/protocol.md §2). */
export const negotiatedExpectSchema = z
  .strictObject({
    signaling: z.enum(["tcp", "tls", "mtls"]).optional().describe("tcp, tls (server authenticated only) or mtls (mutual TLS)"),
    media: z.enum(["rtp", "srtp"]).optional(),
    suite: z
      .enum(Object.keys(SRTP_SUITES) as [string, ...string[]])
      .optional()
      .describe("The SRTP crypto suite answered (Microsoft supports AES_CM_128_HMAC_SHA1_80 only)"),
    profile: z.enum(["RTP/AVP", "RTP/SAVP"]).optional().describe("The answer's m= transport profile"),
    mode: z
      .enum(VOIP_SECURITY_VALUES as [VoipSecurity, ...VoipSecurity[]])
      .optional()
      .describe("Exchange's name for the result: Unsecured (TCP + RTP), SIPSecured (TLS + RTP), Secured (TLS + SRTP)"),
  })
  .describe("What was negotiated (calls that were answered)")
  .meta({ id: "negotiatedExpect" });

/** The media of an answered call as measured on the wire (docs/media.md §6, §7): the probe's `media`. */
export const mediaExpectSchema = z
  .strictObject({
    verdict: z.enum(["two-way", "one-way-in", "one-way-out", "none"]).optional().describe("What crossed our socket: two-way, one-way-in, one-way-out or none"),
    protection: z.enum(["srtp", "rtp"]).optional().describe("srtp: the packets must authenticate with the negotiated keys; rtp: in the clear"),
    authenticated: z
      .union([z.literal("all"), z.number().int().min(0)])
      .optional()
      .describe("all: every SRTP packet that arrived authenticated (and at least one did); a number: at least that many"),
    minPackets: z
      .strictObject({
        sent: z.number().int().min(0).optional(),
        received: z.number().int().min(0).optional(),
      })
      .optional()
      .describe("At least this many packets each way (50 per second of hold at 20 ms)"),
    dtmfSent: z.string().optional().describe("The RFC 4733 digits we sent, in order"),
    dtmfReceived: z.string().optional().describe("The RFC 4733 digits the peer sent us, in order"),
    greeting: z
      .enum(["heard", "silent"])
      .optional()
      .describe("heard: at least half of the peer's audio was louder than -50 dBFS; silent: none of it was, or none arrived"),
    tones: z.array(z.number().int().min(1).max(4000)).min(1).optional().describe("Tones (Hz) the peer's audio must contain (the lab's known signals)"),
  })
  .describe("What the media of an answered call showed on the wire")
  .meta({ id: "mediaExpect" });

/** TLS facts of the last connection (harness/tls TlsEvidence). */
export const tlsExpectSchema = z
  .strictObject({
    version: z.enum(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]).optional(),
    mutual: z
      .boolean()
      .optional()
      .describe("We presented a certificate and the server answered a request on that connection (docs/protocol.md §5: only after the first SIP response)"),
    clientCertificateRequested: z.boolean().optional().describe("The server sent a CertificateRequest"),
    issuerListed: z
      .boolean()
      .optional()
      .describe("The server's CertificateRequest names the CA of our certificate (false: it names others only, e.g. a list Schannel truncated; docs/protocol.md §5)"),
    trusted: z.boolean().optional().describe("The server's chain leads to a CA we trust"),
    nameMatches: z.boolean().optional().describe("The server's certificate names the host we asked for"),
  })
  .describe("TLS facts of the last connection")
  .meta({ id: "tlsExpect" });

/** The ms-diagnostics / ms-diagnostics-public header of the final response (docs/protocol.md §4). */
export const diagnosticsExpectSchema = z
  .strictObject({
    reason: z
      .string()
      .min(1)
      .optional()
      .describe("The reason, compared without case, spaces or punctuation (IncorrectHuntGroup, UnAuthorizedGateway, Incompatible security setting)"),
    code: z.number().int().min(0).optional().describe("The numeric code (Exchange's are not public: lab values are configurable)"),
    header: z.enum(["ms-diagnostics", "ms-diagnostics-public"]).optional(),
  })
  .describe("The ms-diagnostics(-public) header of the final response")
  .meta({ id: "diagnosticsExpect" });

/** Lint rule ids (harness/pki LINT_RULES): stable, never renamed. */
export const LINT_RULE_IDS = LINT_RULES.map((rule) => rule.id) as [string, ...string[]];

export const lintExpectSchema = z
  .strictObject({
    verdict: z.enum(["pass", "fail"]).optional().describe("fail when any error-severity rule failed"),
    failedRules: z
      .array(z.enum(LINT_RULE_IDS))
      .min(1)
      .optional()
      .describe("Rules that must have failed (others may fail too)"),
    passedRules: z
      .array(z.enum(LINT_RULE_IDS))
      .min(1)
      .optional()
      .describe("Rules that must have passed; naming a warning rule (expires-soon) makes that warning fail the step"),
  })
  .describe("The certificate lint of what the target presented");

/** Timing phases a threshold can be put on (docs/design.md §3: connect, handshake, first response, final response). */
export const TIMING_PHASES = ["connect", "handshake", "firstResponse", "finalResponse", "total", "failover"] as const;
export type TimingPhase = (typeof TIMING_PHASES)[number];

const PHASE_DESCRIPTIONS: Record<TimingPhase, string> = {
  connect: "TCP connect of the last hop",
  handshake: "TLS handshake of the last hop",
  firstResponse: "from sending the request to the first response of the last hop",
  finalResponse: "from sending the request to the final response of the last hop",
  total: "the whole step",
  failover: "from the first attempt to the server that answered (failover steps)",
};

/** `maxMs: { handshake: 200, total: 2000 }`: upper bounds in milliseconds on the phases a step kind has. */
export function maxMsSchema(phases: readonly TimingPhase[]) {
  const shape = Object.fromEntries(
    phases.map((phase) => [phase, z.number().int().min(1).max(3_600_000).optional().describe(`Milliseconds at most: ${PHASE_DESCRIPTIONS[phase]}`)]),
  ) as Record<TimingPhase, z.ZodOptional<z.ZodNumber>>;
  return z.strictObject(shape).describe("Timing thresholds in milliseconds");
}
