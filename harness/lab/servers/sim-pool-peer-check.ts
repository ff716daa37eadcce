import type { ResponseSpec } from "../net/build-response.js";
import { msDiagnostics } from "./ms-diagnostics-header.js";
import type { SimPeer } from "./sim-server.js";
import type { LyncRejection } from "../topology/sim-pool-settings.js";
import { matchTrustedPeer, type PeerNameOptions, type TrustedPeer } from "./sim-pool-trusted-peers.js";

/** Whether a peer is one the Lync server takes requests from, and which. */
export type PeerVerdict = { readonly accepted: true; readonly peer: TrustedPeer | null } | { readonly accepted: false; readonly names: readonly string[] };

/**
 * docs/protocol.md §5 "How trust is decided": TLS itself has already refused an untrusted CA ("no SIP response at all",
 * the host's strict mutual TLS); what reaches a handler chains to the lab root, and is accepted only when its
 * certificate names one of `peers` ("matches the peer certificate's subject/SAN names against [the] trusted list").
 * Over TCP there is no certificate and nothing to check (accepted, `peer` null).
 */
export function judgePeer(peer: SimPeer, peers: readonly TrustedPeer[], options: PeerNameOptions = {}): PeerVerdict {
  if (peer.transport === "tcp") return { accepted: true, peer: null };
  const match = peer.verified ? matchTrustedPeer(peer.certificate, peers, options) : null;
  return match === null ? { accepted: false, names: peer.names } : { accepted: true, peer: match };
}

/** The configured rejection as a response: status, reason, `ms-diagnostics` with our FQDN as source. */
export function lyncRejection(rejection: LyncRejection, source: string, headers: readonly string[] = []): ResponseSpec {
  return {
    status: rejection.status,
    reason: rejection.reason,
    headers: [...headers, msDiagnostics(rejection.diagnosticsCode, rejection.diagnosticsReason, source)],
  };
}
