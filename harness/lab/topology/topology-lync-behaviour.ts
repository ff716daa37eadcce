import { z } from "zod";
import { MEDIATION_SIM_DEFAULTS } from "./sim-mediation-settings.js";
import { POOL_SIM_DEFAULTS, type LyncRejection } from "./sim-pool-settings.js";

const status = (code: number, min = 100, max = 699) => z.number().int().min(min).max(max).default(code);

/** A Lync answer whose real values are not public (sim-pool-settings.ts `LyncRejection`), with its defaults. */
function lyncRejectionSchema(defaults: LyncRejection) {
  return z
    .strictObject({
      status: status(defaults.status, 400, 699),
      reason: z.string().min(1).default(defaults.reason),
      diagnosticsCode: z.number().int().min(0).default(defaults.diagnosticsCode).describe("The ms-diagnostics ErrorId"),
      diagnosticsReason: z.string().min(1).default(defaults.diagnosticsReason).describe("The ms-diagnostics reason text"),
    })
    .prefault({});
}

/**
 * `behaviour.pool`: how the simulated Front End pool answers (sim-pool.ts), defaults {@link POOL_SIM_DEFAULTS}. Its
 * `Server:` header is `behaviour.userAgents.pool`.
 */
export const poolBehaviourSchema = z
  .strictObject({
    optionsStatus: status(POOL_SIM_DEFAULTS.optionsStatus).describe(
      "Status of an OPTIONS from a trusted peer; docs/protocol.md §6 names no pool answer, 200 is what an RFC 3261 §11.2 server answers",
    ),
    untrustedPeer: lyncRejectionSchema(POOL_SIM_DEFAULTS.untrustedPeer).describe(
      "[INF] The answer to a certificate from the lab root that names no server or trusted application of the topology: " +
        '403 Forbidden + ms-diagnostics: 1099;reason="…" (SIP stack range 1000–1999, docs/protocol.md §4)',
    ),
    peerWildcardNames: z
      .enum(["refuse", "accept"])
      .default(POOL_SIM_DEFAULTS.peerWildcardNames)
      .describe(
        "[3P] Whether a SAN wildcard names a peer that connects to the pool (Exchange's own OPTIONS/NOTIFY): refuse (the field failure " +
          "\"works Lync→Exchange, breaks Exchange→Lync, event 1400\", docs/protocol.md §10) or accept",
      ),
    otherMethodStatus: status(POOL_SIM_DEFAULTS.otherMethodStatus, 400, 699).describe(
      "[INF] The status of a request other than OPTIONS and a routed call's INVITE, ACK, CANCEL, BYE from a trusted peer (RFC 3261 §8.2.1: 405 with Allow)",
    ),
    unknownTarget: lyncRejectionSchema(POOL_SIM_DEFAULTS.unknownTarget).describe(
      "[KB] ExumRouting's answer to a user or contact object it cannot read (docs/protocol.md §10): 500 Server Internal Error + " +
        'ms-diagnostics: 15000;reason="Unable to read the user properties publication for the user or contact object."',
    ),
    noUmDialPlan: lyncRejectionSchema(POOL_SIM_DEFAULTS.noUmDialPlan).describe(
      "[INF] ExumRouting's answer when no Exchange UM dial plan matches the user's (Exchange 2010: the Lync dial plan name is not the UM dial plan FQDN): 500 + ms-diagnostics 15004",
    ),
    allServersFailed: lyncRejectionSchema(POOL_SIM_DEFAULTS.allServersFailed).describe(
      "docs/protocol.md §7 [DOC MS-EUMR]: every UM server tried failed → 480; the ms-diagnostics code 15030 is [INF]",
    ),
    serverTimerMs: z
      .number()
      .int()
      .min(1)
      .max(60000)
      .default(POOL_SIM_DEFAULTS.serverTimerMs)
      .describe("[INF] MS-EUMR's per-server timer: ms without a response before ExumRouting moves to the next UM server (default 4000, Lync's TCP connect timeout [3P])"),
    diversionAcrossRedirects: z
      .enum(["keep", "drop"])
      .default(POOL_SIM_DEFAULTS.diversionAcrossRedirects)
      .describe(
        "keep (RFC 3261 §16.5: the redirected request is a copy) | drop: lose Diversion and History-Info after the first 302, the field failure of docs/protocol.md §10 [3P] (the wrong mailbox answers)",
      ),
  })
  .prefault({})
  .describe("docs/protocol.md §1, §4, §5, §6: the Lync / SfB Front End pool's answers");

/**
 * `behaviour.mediation`: how the simulated Mediation Server answers (sim-mediation.ts), defaults
 * {@link MEDIATION_SIM_DEFAULTS}. Its `Server:` header is `behaviour.userAgents.mediation`.
 */
export const mediationBehaviourSchema = z
  .strictObject({
    optionsStatus: status(MEDIATION_SIM_DEFAULTS.optionsStatus).describe("Status of an OPTIONS from an accepted peer (docs/protocol.md §6)"),
    notAcceptable: lyncRejectionSchema(MEDIATION_SIM_DEFAULTS.notAcceptable).describe(
      "[INF] The answer to an offer the leg's media policy (trunk SRTPMode, docs/protocol.md §2) cannot take: " +
        '488 Not Acceptable Here + ms-diagnostics: 10099;reason="Encryption levels not compatible" (Mediation Server range 10000–10999)',
    ),
    faxOffer: lyncRejectionSchema(MEDIATION_SIM_DEFAULTS.faxOffer).describe(
      "[INF] The answer to a fax-only offer (T.38, m=image udptl t38); docs/protocol.md §8: faxing is not supported through a Mediation Server: " +
        '488 Not Acceptable Here + ms-diagnostics: 10098;reason="Fax (T.38) is not supported through a Mediation Server"',
    ),
    untrustedPeer: lyncRejectionSchema(MEDIATION_SIM_DEFAULTS.untrustedPeer).describe(
      "[INF] The answer over TLS to a lab certificate naming no peer of that listener (5070: a pool; 5067: a gateway): 403 + ms-diagnostics 1099",
    ),
    checkPeerNames: z
      .boolean()
      .default(MEDIATION_SIM_DEFAULTS.checkPeerNames)
      .describe("[INF] Lync only accepts TLS from servers of its topology; false lets any lab certificate in"),
    otherMethodStatus: status(MEDIATION_SIM_DEFAULTS.otherMethodStatus, 400, 699).describe(
      "Status of methods other than INVITE, ACK, BYE, CANCEL, OPTIONS (RFC 3261 §8.2.1)",
    ),
  })
  .prefault({})
  .describe("docs/protocol.md §1, §2, §4, §6: the Lync / SfB Mediation Server's answers");
