import { ExumProxy, type ExumRouted } from "./exum-proxy.js";
import { optionsResponder, type OptionsResponderSpec } from "./sim-pool-responder.js";
import { judgePeer } from "./sim-pool-peer-check.js";
import type { PoolSimSettings } from "../topology/sim-pool-settings.js";
import { POOL_PEER_ROLES, trustedPeers } from "./sim-pool-trusted-peers.js";
import type { SimHandler, SimHandlerFactory, SimRequest } from "./sim-server.js";

/** Options of {@link poolHandler}: settings that override the topology's `behaviour.pool`, plus an observer for tests and reports. */
export interface PoolHandlerOptions extends Partial<PoolSimSettings> {
  onRequest?: OptionsResponderSpec["onRequest"];
  /** Calls ExumRouting routes at once; more get 503 (exum-proxy.ts). @defaultValue EXUM_MAX_CALLS (256) */
  maxCalls?: number;
  /** Called when ExumRouting is done with a call's routing: the UM servers it tried, in order (tests, reports). */
  onRouted?: (routed: ExumRouted) => void;
}

/** The methods the pool takes: OPTIONS, and the calls ExumRouting routes (RFC 3261 §8.2.1, §20.5). */
const POOL_ALLOW = "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS";

/**
 * The simulated Lync / Skype for Business **Front End pool** (docs/protocol.md §1: "5061 MTLS", "all server-to-server
 * SIP is MTLS [DOC]"). It takes requests from its trusted peers only — the Exchange UM servers, the Mediation
 * Servers, other pools and the OWA IM trusted application pool, whose "certificate's Subject Name and SAN must carry
 * the trusted application pool FQDN" (§1, seed) — and rejects anyone else: an untrusted CA by the aborted handshake
 * (§5), a lab certificate naming no peer (e.g. a gateway, which talks to the Mediation Server) with 403 +
 * `ms-diagnostics: 1099;…;source="<pool fqdn>"` [INF]. From a peer:
 * - OPTIONS: 200 with Allow and Accept;
 * - INVITE and the rest of its calls: ExumRouting (exum-proxy.ts) routes voice mail, Subscriber Access and Auto
 *   Attendant calls to Exchange UM, following the UM redirects itself and failing over across the dial plan's UM
 *   servers, or answers what it cannot route with 500 + `ms-diagnostics: 15000;…;appName="ExumRouting"` (§10 [KB]);
 * - anything else: `otherMethodStatus` (405) with Allow.
 * `Server:` is `behaviour.userAgents.pool` (§8: "ExumRouting/<ver>"). No event is written: docs/protocol.md §4 names
 * no Front End event for these.
 * The answers are the topology's `behaviour.pool` (topology-lync-behaviour.ts, defaults POOL_SIM_DEFAULTS), read per
 * request; `options` override them.
 */
export function poolHandler(options: PoolHandlerOptions = {}): SimHandlerFactory {
  const { onRequest, maxCalls, onRouted, ...overrides } = options;
  return (context): SimHandler => {
    const settings = () => ({ ...context.behaviour().pool, ...overrides });
    const peers = () => trustedPeers(context.lab.topology(), POOL_PEER_ROLES);
    const responder = optionsResponder(context, {
      settings: () => settings(),
      peers: () => peers(),
      defaultServerHeader: (ctx) => ctx.behaviour().userAgents.pool,
      allow: POOL_ALLOW,
      onRequest,
    });
    const proxy = new ExumProxy(context, () => ({ ...settings(), serverHeader: overrides.serverHeader ?? context.behaviour().userAgents.pool }), {
      ...(maxCalls === undefined ? {} : { maxCalls }),
      ...(onRouted === undefined ? {} : { onRouted }),
    });
    return {
      close: () => proxy.close(),
      onRequest(request: SimRequest) {
        const method = request.message.method.toUpperCase();
        const verdict = method === "OPTIONS" ? null : judgePeer(request.peer, peers(), { wildcardSan: settings().peerWildcardNames === "accept" });
        if (verdict?.accepted === true && proxy.handles(request)) {
          onRequest?.({ method, accepted: true, peer: verdict.peer?.fqdn ?? null, names: request.peer.names });
          return;
        }
        return responder.onRequest(request);
      },
    };
  };
}

/** The pool with docs/protocol.md's defaults (registered in sim-roles-lync.ts). */
export const simPool: SimHandlerFactory = poolHandler();
