import { optionsResponder, type OptionsResponderSpec } from "./sim-pool-responder.js";
import type { PoolSimSettings } from "../topology/sim-pool-settings.js";
import { POOL_PEER_ROLES, trustedPeers } from "./sim-pool-trusted-peers.js";
import type { SimHandlerFactory } from "./sim-server.js";

/** Options of {@link poolHandler}: settings that override the topology's `behaviour.pool`, plus an observer for tests and reports. */
export interface PoolHandlerOptions extends Partial<PoolSimSettings> {
  onRequest?: OptionsResponderSpec["onRequest"];
}

/**
 * The simulated Lync / Skype for Business **Front End pool** (docs/protocol.md §1: "5061 MTLS", "all server-to-server
 * SIP is MTLS [DOC]"). It answers OPTIONS 200 to its trusted peers — the Exchange UM servers, the Mediation
 * Servers, other pools and the OWA IM trusted application pool, whose "certificate's Subject Name and SAN must carry
 * the trusted application pool FQDN" (§1, seed) — and rejects anyone else: an untrusted CA by the aborted handshake
 * (§5), a lab certificate naming no peer (e.g. a gateway, which talks to the Mediation Server) with 403 +
 * `ms-diagnostics: 1099;…;source="<pool fqdn>"` [INF]. `Server:` is `behaviour.userAgents.pool` (§8:
 * "ExumRouting/<ver>"). The pool's own call routing to UM is played by the harness's `pool` persona, not here.
 * No event is written: docs/protocol.md §4 names no Front End event for these.
 * The answers are the topology's `behaviour.pool` (topology-lync-behaviour.ts, defaults POOL_SIM_DEFAULTS), read per
 * request; `options` override them.
 */
export function poolHandler(options: PoolHandlerOptions = {}): SimHandlerFactory {
  const { onRequest, ...overrides } = options;
  return (context) =>
    optionsResponder(context, {
      settings: (ctx) => ({ ...ctx.behaviour().pool, ...overrides }),
      peers: (ctx) => trustedPeers(ctx.lab.topology(), POOL_PEER_ROLES),
      defaultServerHeader: (ctx) => ctx.behaviour().userAgents.pool,
      onRequest,
    });
}

/** The pool with docs/protocol.md's defaults (registered in sim-roles-lync.ts). */
export const simPool: SimHandlerFactory = poolHandler();
