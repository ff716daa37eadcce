import type { TlsIdentity } from "../../tls/tls-identity.js";
import type { Resolver } from "../../sip/resolve-map.js";
import { probeOptions } from "../../sip/options-probe.js";
import { parseSipTarget } from "../../sip/sip-target.js";
import type { ProbeResult } from "../../model/probe-result.js";
import type { Behaviour } from "../topology/topology-behaviour.js";
import type { ResolvedTopology } from "../topology/topology-resolve.js";
import type { EventLogWriter } from "./event-log.js";
import { eventLevelOf } from "./lab-event-ids.js";

/** One SIP peer as one health check saw it. */
export interface PeerHealth {
  /** The UM IP gateway's name and address (the peer's FQDN). */
  readonly gateway: string;
  readonly address: string;
  readonly transport: "tls" | "tcp";
  readonly healthy: boolean;
  /** OPTIONS sent (1 + the retries used). */
  readonly attempts: number;
  /** The last answer's status, null when none came. */
  readonly status: number | null;
  /** The last attempt's failure code (tls-client-cert-rejected, no-response, …), null when healthy. */
  readonly failure: string | null;
}

export interface PeerHealthCheck {
  /** The Exchange server that checks (its FQDN, the From domain of its OPTIONS). */
  readonly fqdn: string;
  /** The certificate it presents as a TLS client: its own (docs/protocol.md §10: the wildcard case). */
  readonly identity: TlsIdentity;
  readonly caPem: readonly string[];
  readonly resolver: Resolver;
  readonly topology: ResolvedTopology;
  readonly behaviour: Behaviour;
  readonly events: EventLogWriter;
}

/**
 * One round of Exchange's health check of its SIP peers. docs/protocol.md §6: "Exchange pings its SIP peers with
 * OPTIONS (`Accept: application/sdp`, one `Allow` per method); 4 s reply timeout, 2 retries, 60 s wait [OBS]"
 * (`behaviour.peerHealth`; the 60 s between rounds is the caller's: `lab.checkPeerHealth` runs one round when asked).
 * The peers are the enabled UM IP gateways: over mutual TLS, presenting the server's own certificate, when a hunt
 * group of theirs routes to a SIPSecured or Secured dial plan, else over TCP; port 0 = 5061 / 5060 (docs/protocol.md
 * §5). A peer that answers no attempt with 2xx is unhealthy: event 1400; one that does is healthy: event 1401
 * (docs/protocol.md §4: "1400/1401 SIP peers unhealthy/healthy"). This is the Exchange → pool direction that a
 * wildcard certificate breaks while pool → Exchange works (docs/protocol.md §10 "Field failures": "a wildcard
 * certificate that works Lync→Exchange but breaks Exchange→Lync (MWI, play-on-phone; event 1400)").
 */
export async function checkPeerHealth(check: PeerHealthCheck): Promise<PeerHealth[]> {
  const { replyTimeoutMs, retries } = check.behaviour.peerHealth;
  const results: PeerHealth[] = [];
  for (const gateway of check.topology.umIpGateways.filter((candidate) => candidate.status === "Enabled")) {
    const secured = gateway.huntGroups.some((group) => check.topology.dialPlans.some((plan) => plan.name.toLowerCase() === group.dialPlan.toLowerCase() && plan.voipSecurity !== "Unsecured"));
    const transport = secured ? "tls" : "tcp";
    const port = gateway.port === 0 ? (secured ? 5061 : 5060) : gateway.port;
    const target = parseSipTarget(`sip:${gateway.address}:${port};transport=${transport}`, `UM IP gateway ${gateway.name}`);
    let result: ProbeResult | null = null;
    let attempts = 0;
    while (attempts <= retries && (result === null || result.outcome !== "ok")) {
      attempts++;
      result = await probeOptions(target, {
        ...(secured ? { identity: check.identity } : {}),
        caPem: [...check.caPem],
        resolver: check.resolver,
        fromUser: "MSExchangeUM",
        fromDomain: check.fqdn,
        timeoutMs: replyTimeoutMs,
      });
    }
    const healthy = result?.outcome === "ok";
    const health: PeerHealth = {
      gateway: gateway.name,
      address: gateway.address,
      transport,
      healthy,
      attempts,
      status: result?.status ?? null,
      failure: healthy ? null : (result?.failure?.code ?? null),
    };
    results.push(health);
    const eventId = healthy ? 1401 : 1400;
    const why = healthy ? "answered OPTIONS" : `did not answer OPTIONS with 2xx after ${attempts} attempts (${health.status ?? "no answer"}${health.failure === null ? "" : `, ${health.failure}`})`;
    check.events.write(eventId, eventLevelOf(eventId), `The SIP peer ${gateway.name} (${gateway.address}) ${why}`, { ...health });
  }
  return results;
}
