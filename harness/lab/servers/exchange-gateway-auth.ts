import { nameCovers } from "../net/peer-names.js";
import { nameAddrUri, parseSipUriText } from "../../model/sip-uri-text.js";
import type { SimRequest } from "./sim-server.js";
import type { UmIpGateway } from "../topology/topology-resolve.js";

/** Which UM IP gateway a request comes from, if any. */
export type GatewayMatch =
  | { readonly kind: "gateway"; readonly gateway: UmIpGateway; readonly by: "certificate" | "address" | "from-host" }
  | { readonly kind: "unknown"; readonly detail: string };

/**
 * The UM IP gateway a peer is. docs/protocol.md §5 "How trust is decided [OBS]": "Exchange adds every secured peer FQDN
 * (UM IP gateways of secured dial plans, Lync pools) to its trusted list and matches the peer certificate's
 * subject/SAN names against it" — over TLS, a gateway whose address is covered by a name of the verified client
 * certificate (CN or SAN, SAN wildcards allowed). Over TCP Exchange knows a gateway by its IP address (the gateway's
 * FQDN resolved): the lab takes the peer address against the gateway's A record, and, since every client on
 * loopback connects from 127.0.0.1, also the From URI's host [INF, lab only].
 */
export function matchGateway(request: SimRequest): GatewayMatch {
  const gateways = request.lab.topology().umIpGateways;
  if (request.listener.transport === "tls") {
    if (!request.peer.verified || request.peer.names.length === 0) return { kind: "unknown", detail: "the peer presented no verified certificate" };
    const gateway = gateways.find((candidate) => request.peer.names.some((name) => nameCovers(name, candidate.address)));
    if (gateway !== undefined) return { kind: "gateway", gateway, by: "certificate" };
    return { kind: "unknown", detail: `no UM IP gateway has an address the certificate names (${request.peer.names.join(", ")})` };
  }
  const fromHost = parseSipUriText(nameAddrUri(request.message.getHeader("from") ?? "") ?? "")?.host.toLowerCase();
  const byFrom = fromHost === undefined ? undefined : gateways.find((candidate) => candidate.address === fromHost);
  if (byFrom !== undefined) return { kind: "gateway", gateway: byFrom, by: "from-host" };
  const byAddress = gateways.find((candidate) => request.names.resolve(candidate.address) === request.peer.address);
  if (byAddress !== undefined) return { kind: "gateway", gateway: byAddress, by: "address" };
  return { kind: "unknown", detail: `no UM IP gateway has the address ${request.peer.address}${fromHost === undefined ? "" : ` or the From host ${fromHost}`}` };
}
