import { judgePeer, lyncRejection } from "./sim-pool-peer-check.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import type { PoolSimSettings } from "../topology/sim-pool-settings.js";
import type { TrustedPeer } from "./sim-pool-trusted-peers.js";
import type { SimHandler, SimRequest, SimServerContext } from "./sim-server.js";

/** The methods an OPTIONS responder takes by default: OPTIONS and nothing else (RFC 3261 §8.2.1). */
const ALLOW = "Allow: OPTIONS, ACK";

/** The settings an OPTIONS responder answers by: every field but `serverHeader` filled. */
export type OptionsResponderSettings = Required<Omit<PoolSimSettings, "serverHeader">> & Pick<PoolSimSettings, "serverHeader">;

/** What differs between the Lync servers that only answer OPTIONS (the pool, the OWA trusted application). */
export interface OptionsResponderSpec {
  /** Its settings, read per request (the pool's come from the topology, which can change while the lab runs). */
  settings(context: SimServerContext): OptionsResponderSettings;
  /** Who it takes requests from, read per request (the topology can change while the lab runs). */
  peers(context: SimServerContext): readonly TrustedPeer[];
  /** The `Server:` header when `settings.serverHeader` is not set. */
  defaultServerHeader(context: SimServerContext): string;
  /** The Allow header line. @defaultValue "Allow: OPTIONS, ACK" */
  allow?: string;
  /** Called with each request's verdict (tests, reports). */
  onRequest?(seen: { method: string; accepted: boolean; peer: string | null; names: readonly string[] }): void;
}

/**
 * A Lync server that answers OPTIONS from its trusted peers over mutual TLS (docs/protocol.md §5, §6):
 * - TLS from an untrusted CA never gets here (the host aborts the handshake: "no SIP response at all");
 * - a certificate that chains to the lab root but names no peer gets `untrustedPeer` (403 + `ms-diagnostics`,
 *   SIP stack range, docs/protocol.md §4) whatever the method (never to ACK);
 * - OPTIONS from a peer: `optionsStatus` (200) with Allow and Accept (RFC 3261 §11.2);
 * - other methods from a peer: `otherMethodStatus` (405) with Allow.
 */
export function optionsResponder(context: SimServerContext, spec: OptionsResponderSpec): SimHandler {
  return {
    onRequest(request: SimRequest) {
      const settings = spec.settings(context);
      const { method } = request.message;
      const headers = [`Server: ${settings.serverHeader ?? spec.defaultServerHeader(context)}`];
      const allow = spec.allow ?? ALLOW;
      const verdict = judgePeer(request.peer, spec.peers(context), { wildcardSan: settings.peerWildcardNames === "accept" });
      spec.onRequest?.({
        method,
        accepted: verdict.accepted,
        peer: verdict.accepted ? (verdict.peer?.fqdn ?? null) : null,
        names: request.peer.names,
      });
      if (method === "ACK") return;
      if (!verdict.accepted) {
        request.respond(lyncRejection(settings.untrustedPeer, context.fqdn, headers));
        return;
      }
      if (method === "OPTIONS") {
        request.respond({ status: settings.optionsStatus, reason: reasonPhrase(settings.optionsStatus), headers: [...headers, allow, "Accept: application/sdp"] });
        return;
      }
      request.respond({ status: settings.otherMethodStatus, reason: reasonPhrase(settings.otherMethodStatus), headers: [...headers, allow] });
    },
  };
}
