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

/**
 * The leading sentence of each rejection's `reason` text [INF]: docs/protocol.md §10 "Exchange rejection text": "the
 * `reason` of `ms-diagnostics-public` is a sentence, possibly followed by details (e.g. for a wrong hunt group `…
 * Pilot number: <n>. UMIPGateway: <name>.`)". Only that shape is published, not the words, so each sentence spells
 * its reason name in words (the harness classifies by the leading words, docs/protocol.md §10).
 */
export const EXCHANGE_REJECTION_SENTENCES: Readonly<Record<ExchangeRejectionReason, string>> = {
  UnAuthorizedGateway: "Unauthorized gateway.",
  IncorrectHuntGroup: "Incorrect hunt group.",
  DialPlanNotFound: "Dial plan not found.",
  DialPlanNotLinked: "Dial plan not linked.",
  MailboxIsNotUMEnabled: "Mailbox is not UM enabled.",
  CouldNotFindUserBySipUri: "Could not find user by SIP URI.",
  UserRoutingIssue: "User routing issue.",
  TransientError: "Transient error.",
  InvalidRequest: "Invalid request.",
  UnsupportedRequest: "Unsupported request. TLS connection required.",
  MaxCallsReached: "Max calls reached.",
  PipelineFull: "Pipeline full.",
  InvalidDiversionFormat: "Invalid diversion format.",
  InvalidSIPheader: "Invalid SIP header.",
  ToAndFromHeadersMustMatch: "To and From headers must match.",
};

const rejectionSentences = z
  .strictObject(
    Object.fromEntries(EXCHANGE_REJECTION_REASONS.map((reason) => [reason, z.string().min(1).default(EXCHANGE_REJECTION_SENTENCES[reason])])) as {
      [K in ExchangeRejectionReason]: z.ZodDefault<z.ZodString>;
    },
  )
  .prefault({})
  .describe("The sentence each named rejection's reason text starts with [INF] (docs/protocol.md §10 \"Exchange rejection text\")");

/**
 * The worker's 200 OK, shaped like the one published capture of Exchange UM answering a call (docs/protocol.md §10
 * "Exchange Online UM 200 OK", an engineer's Kamailio → Office 365 UM capture): each header and SDP detail a setting
 * with the captured value as its default; null leaves it out.
 */
const workerAnswerSchema = z
  .strictObject({
    contactFeatures: z
      .string()
      .nullable()
      .default("automata;text;audio;video;image")
      .describe("Feature parameters after the Contact's URI (`<sip:…;transport=tls>;automata;text;audio;video;image`)"),
    sessionExpires: z.string().min(1).nullable().default("1800;refresher=uac").describe("`Session-Expires: 1800;refresher=uac`"),
    supported: z.string().min(1).nullable().default("100rel, timer, Replaces").describe("`Supported: 100rel, timer, Replaces`"),
    sdpUserName: z
      .string()
      .regex(/^\S+$/, { message: "expected one word without spaces (RFC 4566 §5.2)" })
      .default("-")
      .describe("The SDP o= username (`o=- 85 0 IN IP4 …`)"),
    bandwidthCt: z.number().int().min(1).nullable().default(10_000_000).describe("The session-level `b=CT:10000000`"),
    label: z.string().min(1).nullable().default("main-audio").describe("The audio stream's `a=label:main-audio`"),
    telephoneEventFmtp: z.string().min(1).nullable().default("0-16,36").describe("The telephone-event events, `a=fmtp:101 0-16,36`; null echoes the offer's"),
    keyLifetime: z
      .enum(["mirror", "always"])
      .default("mirror")
      .describe("mirror = the answer's key has a lifetime only when the accepted offered line had one (\"no lifetime or MKI when the offer had none\"); always = |2^31"),
  })
  .prefault({})
  .describe("docs/protocol.md §10 \"Exchange Online UM 200 OK\": the worker's 200 OK headers and SDP answer, from the published capture");

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
          .enum(["capitalised", "upper", "lower"])
          .default("capitalised")
          .describe(
            "How the 302 Contact spells its transport parameter: capitalised = transport=Tcp / transport=Tls (the published Exchange 2010 SP1 " +
              "capture, docs/protocol.md §10), upper = TCP / TLS, lower = tcp / tls",
          ),
        contactTransportPosition: z
          .enum(["last", "first"])
          .default("last")
          .describe(
            "Where the 302 Contact puts a transport parameter the Request-URI lacked: last = appended after the URI's own parameters " +
              "(`;user=phone;transport=Tcp`, the published capture, docs/protocol.md §1 step 2), first = before them",
          ),
        exchange2010Maddr: z
          .boolean()
          .default(true)
          .describe(
            "Whether an Exchange 2010 UM server's 302 Contact adds `maddr=<its FQDN>` after the transport (the published Exchange 2010 SP1 " +
              "capture `<sip:101@pabx.local:5065;user=phone;transport=Tcp;maddr=pabx.local>`, docs/protocol.md §1 step 2)",
          ),
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
        answer: workerAnswerSchema,
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
        reasonText: z
          .enum(["sentence", "name"])
          .default("sentence")
          .describe(
            "How the ms-diagnostics-public reason is written: sentence = the reason's sentence followed by details (docs/protocol.md §10 " +
              "\"Exchange rejection text\"), name = the bare reason name",
          ),
        sentences: rejectionSentences,
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
    exchangeProduct: z
      .strictObject({
        responseHeader: z
          .enum(["Server", "User-Agent"])
          .default("Server")
          .describe("The header naming Exchange on its responses: Server (every published capture, docs/protocol.md §8, §10) or User-Agent"),
        server: z
          .string()
          .min(1)
          .default("RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017")
          .describe("Exchange 2013+ responses: `Server: RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017` (Exchange 2016 CU23 capture, docs/protocol.md §8)"),
        server2010: z
          .string()
          .min(1)
          .default("RTCC/3.5.0.0")
          .describe("Exchange 2010 responses: `Server: RTCC/3.5.0.0` (the Exchange 2010 SP1 302 capture, docs/protocol.md §8)"),
      })
      .prefault({})
      .describe("docs/protocol.md §8 \"Product headers, from published captures\": how Exchange UM names itself on its responses"),
    listenerLimits: listenerLimitsSchema,
    userAgents: z
      .strictObject({
        exchange: z.string().min(1).default("MSExchangeUM/15.01.2507.017"),
        exchange2010: z.string().min(1).default("MSExchangeUM/14.03.0123.000"),
        pool: z.string().min(1).default("ExumRouting/7.0.0.0"),
        mediation: z.string().min(1).default("RTCC/7.0.0.0 MediationServer"),
      })
      .prefault({})
      .describe(
        "docs/protocol.md §8 [OBS]: User-Agent MSExchangeUM/<version> on the requests Exchange sends (its responses: exchangeProduct); " +
          "Server: ExumRouting/<ver>; RTCC/<ver> MediationServer (versions unknown)",
      ),
  })
  .prefault({})
  .describe("Behaviour docs/protocol.md marks [INF] or unknown, with its documented default");

export type Behaviour = z.output<typeof behaviourSchema>;
