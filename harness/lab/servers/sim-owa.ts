import { optionsResponder, type OptionsResponderSpec } from "./sim-pool-responder.js";
import { POOL_SIM_DEFAULTS, type PoolSimSettings } from "../topology/sim-pool-settings.js";
import { trustedPeers } from "./sim-pool-trusted-peers.js";
import type { SimHandlerFactory } from "./sim-server.js";

/** Options of {@link owaHandler}: the same settings as the pool's, plus an observer. */
export interface OwaHandlerOptions extends Partial<PoolSimSettings> {
  onRequest?: OptionsResponderSpec["onRequest"];
}

/**
 * The simulated **OWA IM trusted application** endpoint (docs/protocol.md §1: Exchange 2013 Mailbox, "the port given by
 * `New-CsTrustedApplication -Port`, e.g. 5199", "MTLS to the Lync pool"). It answers OPTIONS over mutual TLS from
 * the Lync pools of the topology (the peers that connect to a trusted application) with `optionsStatus` (200);
 * [INF] a lab certificate naming no pool gets the same 403 + `ms-diagnostics` (1099) as at the pool, source the
 * OWA FQDN. [INF] `Server:` is `behaviour.userAgents.exchange` (the application runs on Exchange; its real string is
 * not public).
 */
export function owaHandler(options: OwaHandlerOptions = {}): SimHandlerFactory {
  const { onRequest, ...overrides } = options;
  const settings = { ...POOL_SIM_DEFAULTS, ...overrides };
  return (context) =>
    optionsResponder(context, {
      settings: () => settings,
      peers: (ctx) => trustedPeers(ctx.lab.topology(), ["pool"]),
      defaultServerHeader: (ctx) => ctx.behaviour().userAgents.exchange,
      onRequest,
    });
}

/** The OWA trusted application with the defaults (registered in sim-roles-lync.ts). */
export const simOwa: SimHandlerFactory = owaHandler();
