import type { ResponseSpec } from "../net/build-response.js";
import { isFaxOffer } from "../../sdp/build-fax-offer.js";
import { parseSessionDescription } from "../../sdp/parse-session-description.js";
import { CALL_ALLOW, CallAnswerer, type CallOutcome } from "./call-answerer.js";
import { mediationLeg, type MediationListener } from "./sim-mediation-leg.js";
import type { MediationSimSettings } from "../topology/sim-mediation-settings.js";
import { judgePeer, lyncRejection } from "./sim-pool-peer-check.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import { trustedPeers } from "./sim-pool-trusted-peers.js";
import type { SimHandler, SimHandlerFactory, SimRequest, SimServerContext } from "./sim-server.js";
import type { ServerOf } from "../topology/topology-resolve.js";

const MEDIATION_LISTENERS: readonly string[] = ["pool-mtls", "gateway-tls", "gateway-tcp"] satisfies MediationListener[];

/** Options of {@link mediationHandler}: settings that override the topology's `behaviour.mediation`, plus an observer. */
export interface MediationHandlerOptions extends Partial<MediationSimSettings> {
  /** Called with each INVITE's outcome. */
  onCall?(outcome: CallOutcome & { listener: MediationListener }): void;
}

/**
 * Who may send on each listener. docs/protocol.md §1: "5070 MTLS (from Front End), 5067 TLS / 5068 TCP (from
 * gateways)". [INF] With `checkPeerNames`, 5070 takes a certificate naming a Front End pool and 5067 one naming a
 * gateway of the topology (a `gateway` server or the trunk's `gateway`); 5068 has no certificate to check.
 */
function peersOf(context: SimServerContext, listener: MediationListener) {
  const topology = context.lab.topology();
  if (listener === "pool-mtls") return trustedPeers(topology, ["pool"]);
  const server = context.server() as ServerOf<"mediation">;
  const gateways = trustedPeers(topology, ["gateway"]);
  const trunk = server.trunk.gateway;
  if (trunk !== undefined && !gateways.some((peer) => peer.fqdn === trunk)) gateways.push({ fqdn: trunk, role: "gateway" });
  return gateways;
}

/**
 * The simulated Lync / Skype for Business **Mediation Server** (docs/protocol.md §1, §2, §6):
 * - OPTIONS on every listener: `optionsStatus` (200) with Allow and Accept (§6: peers ping each other);
 * - INVITE: answered by the leg's media policy (`mediationLeg`): on 5067/5068 the trunk SRTPMode (docs/protocol.md §2:
 *   Required → needs SRTP, Optional → SRTP if offered else RTP, NotSupported → RTP only, forced on TCP), on 5070 the
 *   pool's EncryptionLevel [INF]; an offer the policy cannot take gets `notAcceptable` (488 + ms-diagnostics
 *   10099 by default [INF]); the harness classifies that from the SDP facts, not the code;
 * - ACK, BYE, CANCEL per RFC 3261, timed by `lab.setCallTiming` (call-answerer.ts); other methods 405;
 * - an INVITE that offers fax only (T.38): `faxOffer` (488 + ms-diagnostics 10098 [INF]; docs/protocol.md §8:
 *   "faxing is not supported through a Mediation Server");
 * - a TLS peer whose certificate names no peer of the listener: `untrustedPeer` (403 + ms-diagnostics 1099 [INF]).
 * `Server:` is `behaviour.userAgents.mediation` (docs/protocol.md §8: "RTCC/<ver> MediationServer").
 * Not simulated: its OPTIONS pinging of gateways (events 25051, 25061/25052 of docs/protocol.md §4 are therefore never
 * written).
 * The answers are the topology's `behaviour.mediation` (topology-lync-behaviour.ts, defaults MEDIATION_SIM_DEFAULTS),
 * read per request; `options` override them.
 */
export function mediationHandler(options: MediationHandlerOptions = {}): SimHandlerFactory {
  const { onCall, ...overrides } = options;
  return (context): SimHandler => {
    const current = (): MediationSimSettings => ({ ...context.behaviour().mediation, ...overrides });
    const product = () => overrides.serverHeader ?? context.behaviour().userAgents.mediation;
    const headers = () => [`Server: ${product()}`];
    const calls = new CallAnswerer(context, {
      product,
      onOutcome: (outcome, request) => onCall?.({ ...outcome, listener: request.listener.name as MediationListener }),
    });
    return {
      close: () => calls.close(),
      onRequest(request: SimRequest) {
        const { method } = request.message;
        const settings = current();
        const listener = request.listener.name as MediationListener;
        if (!MEDIATION_LISTENERS.includes(listener)) {
          if (method !== "ACK") request.respond({ status: 404, reason: "Not Found", headers: headers() });
          return;
        }
        if (settings.checkPeerNames && !judgePeer(request.peer, peersOf(context, listener)).accepted) {
          if (method !== "ACK") request.respond(lyncRejection(settings.untrustedPeer, context.fqdn, headers()));
          return;
        }
        switch (method) {
          case "OPTIONS":
            request.respond(optionsAnswer(settings.optionsStatus, headers()));
            return;
          case "INVITE": {
            if (offersFax(request.message.body)) {
              request.respond(lyncRejection(settings.faxOffer, context.fqdn, headers()));
              return;
            }
            const leg = mediationLeg(context.lab.topology(), context.server() as ServerOf<"mediation">, listener);
            calls.invite(request, { policy: leg.policy, notAcceptable: () => lyncRejection(settings.notAcceptable, context.fqdn) });
            return;
          }
          default:
            if (calls.inCall(request)) return;
            request.respond({ status: settings.otherMethodStatus, reason: reasonPhrase(settings.otherMethodStatus), headers: [...headers(), CALL_ALLOW] });
        }
      },
    };
  };
}

/** Whether an INVITE's body is a fax-only offer (docs/protocol.md §8); a body that is not SDP is the answerer's business. */
function offersFax(body: string): boolean {
  if (body.trim() === "") return false;
  try {
    return isFaxOffer(parseSessionDescription(body));
  } catch {
    return false;
  }
}

/** RFC 3261 §11.2: an OPTIONS answer carries Allow and Accept. */
function optionsAnswer(status: number, headers: readonly string[]): ResponseSpec {
  return { status, reason: reasonPhrase(status), headers: [...headers, CALL_ALLOW, "Accept: application/sdp"] };
}

/** The Mediation Server with docs/protocol.md's defaults (registered in sim-roles-lync.ts). */
export const simMediation: SimHandlerFactory = mediationHandler();
