import { z } from "zod";
import { WORKER_PORT_LAYOUTS } from "./address-plan-listeners.js";
import { listenerLimitsSchema } from "./topology-listener-limits.js";
import { mediationBehaviourSchema, poolBehaviourSchema } from "./topology-lync-behaviour.js";

/**
 * Every behaviour docs/protocol.md marks [INF], [OBS]-with-unknown-value or "unknown", as a setting with its documented
 * default, so a lab that captured a real trace can correct it without code changes (docs/protocol.md preamble).
 */

/** The ms-diagnostics-public reasons Exchange names (docs/protocol.md §4 "Named rejection reasons [OBS]"). */
export const EXCHANGE_REJECTION_REASONS = [
  "UnAuthorizedGateway",
  "IncorrectHuntGroup",
  "DialPlanNotFound",
  "DialPlanNotLinked",
  "MailboxIsNotUMEnabled",
  "CouldNotFindUserBySipUri",
  "UserRoutingIssue",
  "TransientError",
  "InvalidRequest",
  "UnsupportedRequest",
  "MaxCallsReached",
  "PipelineFull",
  "InvalidDiversionFormat",
  "InvalidSIPheader",
  "ToAndFromHeadersMustMatch",
] as const;

export type ExchangeRejectionReason = (typeof EXCHANGE_REJECTION_REASONS)[number];

const status = (code: number, min = 100, max = 699) => z.number().int().min(min).max(max).default(code);

/**
 * docs/protocol.md §4: "Numeric codes are not public: keep them configurable." The lab writes 0 (unknown) for each by
 * default; the harness classifies rejections by status and reason name, never by these numbers.
 */
const rejectionCodes = z
  .strictObject(Object.fromEntries(EXCHANGE_REJECTION_REASONS.map((reason) => [reason, z.number().int().min(0).default(0)])) as {
    [K in ExchangeRejectionReason]: z.ZodDefault<z.ZodNumber>;
  })
  .prefault({})
  .describe("The ms-diagnostics-public ErrorCode written for each named rejection reason (not public; default 0)");

export const behaviourSchema = z
  .strictObject({
    callRouter: z
      .strictObject({
        redirectStatus: z
          .union([z.literal(302), z.literal(303)])
          .default(302)
          .describe("docs/protocol.md §1 step 2: 302 Moved Temporarily; 303 is used only in Office 365"),
        contactTransport: z
          .enum(["upper", "lower"])
          .default("upper")
          .describe("How the 302 Contact spells its transport parameter: upper = transport=TCP / transport=TLS [OBS], lower = tcp / tls"),
        optionsStatus: status(200).describe("docs/protocol.md §6: the Call Router answers OPTIONS 200 to any peer that completes TLS [OBS]"),
        checksMailboxHealth: z
          .boolean()
          .default(false)
          .describe("docs/protocol.md §7: the Call Router does not health-check the Mailbox server it redirects to [OBS][INF]"),
      })
      .prefault({}),
    umService: z
      .strictObject({
        optionsStatus: status(200).describe("docs/protocol.md §6: whether the Mailbox UM service answers OPTIONS 200 or 403 is unknown (default 200)"),
        redirectStatus: status(302, 300, 399).describe("docs/protocol.md §1 step 3: the UM service answers 302 to its worker port [3P][OBS]"),
      })
      .prefault({}),
    worker: z
      .strictObject({
        portLayout: z
          .enum(WORKER_PORT_LAYOUTS as ["paired", "single"])
          .default("paired")
          .describe("docs/protocol.md §1: paired = TCP 5065/5067 and TLS 5066/5068 (Microsoft's port table); single = TCP 5065, TLS 5066"),
        activeSlot: z
          .union([z.literal(1), z.literal(2), z.literal("alternate")])
          .default(1)
          .describe("Which worker slot the UM service redirects to: 1 (5065/5066), 2 (5067/5068, paired only) or alternate per call"),
        incompatibleSecurity: z
          .strictObject({
            status: status(488, 400, 699),
            reason: z.string().min(1).default("Not Acceptable Here"),
            diagnosticsCode: z.number().int().min(0).default(0),
            diagnosticsReason: z.string().min(1).default("Incompatible security setting"),
          })
          .prefault({})
          .describe(
            "docs/protocol.md §3 [INF]: the worker's answer to an SRTP-required offer on a SIPSecured/Unsecured dial plan: " +
              '488 Not Acceptable Here + ms-diagnostics-public: <code>;source="<worker fqdn>";reason="Incompatible security setting"',
          ),
      })
      .prefault({}),
    securityParity: z
      .strictObject({
        status: status(403, 400, 699),
        reason: z.string().min(1).default("IncorrectHuntGroup"),
      })
      .prefault({})
      .describe("docs/protocol.md §2 [OBS]: a TCP call into a secured dial plan or a TLS call into an Unsecured one: 403 IncorrectHuntGroup"),
    rejections: z
      .strictObject({
        inviteStatus: status(403, 400, 699).describe("docs/protocol.md §4 [OBS]: Exchange rejects INVITEs with 403"),
        optionsStatus: status(500, 400, 699).describe("docs/protocol.md §4 [OBS]: OPTIONS/SERVICE failures use 500"),
        pipelineFullStatus: status(503, 400, 699).describe("docs/protocol.md §4 [OBS]: 503 only when its pipeline is full"),
        codes: rejectionCodes,
      })
      .prefault({}),
    disabledAnswer: z
      .strictObject({
        status: status(503, 400, 699),
        reason: z.string().min(1).default("Service Unavailable"),
        refuse: z.boolean().default(false).describe("Refuse new connections instead of answering"),
      })
      .prefault({})
      .describe(
        "docs/protocol.md §7: Exchange 2010 Disable-UMService takes no new calls, wire behaviour unknown: default refuse new INVITEs " +
          "with 503. The lab applies it to every disabled Exchange server (seed example 2).",
      ),
    stoppedServer: z
      .enum(["refuse", "black-hole"])
      .default("refuse")
      .describe("docs/protocol.md §7: a stopped Call Router or UM service refuses connections (TCP RST) or times out [OBS][INF]"),
    peerHealth: z
      .strictObject({
        replyTimeoutMs: z.number().int().min(1).default(4_000),
        retries: z.number().int().min(0).default(2),
        waitMs: z.number().int().min(0).default(60_000),
      })
      .prefault({})
      .describe("docs/protocol.md §6 [OBS]: Exchange pings its SIP peers with OPTIONS; 4 s reply timeout, 2 retries, 60 s wait"),
    mediationHealth: z
      .strictObject({
        pingIntervalMs: z.number().int().min(1).default(60_000),
        missesBeforeDown: z.number().int().min(1).default(5),
        downRecheckMs: z.number().int().min(1).default(60_000),
      })
      .prefault({})
      .describe("docs/protocol.md §6 [3P]: the Mediation Server pings gateways every 4 s to 1 min, marks one down after 5 misses, re-checks every minute"),
    pool: poolBehaviourSchema,
    mediation: mediationBehaviourSchema,
    listenerLimits: listenerLimitsSchema,
    userAgents: z
      .strictObject({
        exchange: z.string().min(1).default("MSExchangeUM/15.01.2507.000"),
        exchange2010: z.string().min(1).default("MSExchangeUM/14.03.0123.000"),
        pool: z.string().min(1).default("ExumRouting/7.0.0.0"),
        mediation: z.string().min(1).default("RTCC/7.0.0.0 MediationServer"),
      })
      .prefault({})
      .describe("docs/protocol.md §8 [OBS]: User-Agent MSExchangeUM/<version>; Server: ExumRouting/<ver>; RTCC/<ver> MediationServer (versions unknown)"),
  })
  .prefault({})
  .describe("Behaviour docs/protocol.md marks [INF] or unknown, with its documented default");

export type Behaviour = z.output<typeof behaviourSchema>;
