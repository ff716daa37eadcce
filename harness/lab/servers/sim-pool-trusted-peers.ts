import { isWildcard, nameCovers } from "../../pki/host-names.js";
import type { CertificateSummary } from "../../model/certificate-summary.js";
import { EXCHANGE_ROLES } from "../topology/topology-role.js";
import { type ServerRole } from "../../model/server-role.js";
import type { Topology } from "../topology/topology-schema.js";

/** A server of the topology that a Lync server accepts as a SIP peer over mutual TLS. */
export interface TrustedPeer {
  readonly fqdn: string;
  readonly role: ServerRole;
}

/**
 * Who a Lync pool talks to as a server peer (docs/protocol.md §1 "Who talks to whom"): the Exchange UM servers (Call
 * Router, Mailbox, Exchange 2010 UM), the Mediation Servers, other Front End pools, and the OWA IM trusted
 * application pool. Gateways talk to the Mediation Server, never to the pool, so a gateway's certificate names no
 * peer of the pool. [INF] Lync really learns these from its published topology and the trusted application pools
 * (`New-CsTrustedApplicationPool`); the lab takes every server of those roles.
 */
export const POOL_PEER_ROLES: readonly ServerRole[] = [...EXCHANGE_ROLES, "pool", "mediation", "owa"];

/** The servers of `topology` whose role is in `roles`, FQDNs lower-cased. */
export function trustedPeers(topology: Topology, roles: readonly ServerRole[] = POOL_PEER_ROLES): TrustedPeer[] {
  return topology.servers.filter((server) => roles.includes(server.role)).map((server) => ({ fqdn: server.fqdn.toLowerCase(), role: server.role }));
}

/** The DNS names of a certificate's subjectAltName, lower-cased. */
function sanNames(summary: CertificateSummary): string[] {
  return summary.san.filter((entry) => entry.startsWith("DNS:")).map((entry) => entry.slice(4).toLowerCase());
}

/** How names are matched. */
export interface PeerNameOptions {
  /** A SAN wildcard may cover the peer's FQDN (sim-pool-settings.ts `peerWildcardNames`). @defaultValue true */
  readonly wildcardSan?: boolean;
}

/**
 * Whether a peer certificate names `peer`.
 * - docs/protocol.md §5 [DOC, seed]: "A wildcard in the Subject Name is not supported …; a wildcard in the SAN is.":
 *   the CN counts only as an exact FQDN, SAN entries may be wildcards (RFC 6125 one-label rule, `nameCovers`).
 * - docs/protocol.md §1 (OWA row) [DOC, seed]: the trusted application's "certificate's Subject Name and SAN must carry
 *   the trusted application pool FQDN": for an `owa` peer both must name it, exactly in the CN.
 */
export function certificateNamesPeer(summary: CertificateSummary, peer: TrustedPeer, options: PeerNameOptions = {}): boolean {
  const cn = summary.commonName?.toLowerCase() ?? null;
  const cnMatches = cn !== null && !isWildcard(cn) && cn === peer.fqdn;
  const wildcards = options.wildcardSan ?? true;
  const sanMatches = sanNames(summary).some((name) => (wildcards ? nameCovers(name, peer.fqdn) : name === peer.fqdn));
  return peer.role === "owa" ? cnMatches && sanMatches : cnMatches || sanMatches;
}

/**
 * The peer the certificate names, or null when it names none of them (the pool then answers 403): the one its
 * Subject CN is, else the first its SAN names exactly, else the first a SAN wildcard covers (topology order).
 */
export function matchTrustedPeer(summary: CertificateSummary | null, peers: readonly TrustedPeer[], options: PeerNameOptions = {}): TrustedPeer | null {
  if (summary === null) return null;
  const named = peers.filter((peer) => certificateNamesPeer(summary, peer, options));
  const cn = summary.commonName?.toLowerCase();
  const sans = sanNames(summary);
  return named.find((peer) => peer.fqdn === cn) ?? named.find((peer) => sans.includes(peer.fqdn)) ?? named[0] ?? null;
}
