import type { Lab } from "../lab/index.js";
import { defaultCertificateName } from "../lab/index.js";
import type { Logger } from "../log/logger.js";
import { parseSipTarget } from "../sip/sip-target.js";
import type { KeylogSink } from "../tls/keylog-sink.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import { UNKNOWN_PLACE, type HopPlace } from "./hop-place.js";
import { roleOfListener } from "./listener-for.js";
import type { Endpoint, PlannedPersona } from "./plan.js";
import type { StepEnvironment } from "./step-environment.js";
import { naturalTargetRole } from "./target-role.js";

/** The host of a Request-URI, or null. */
function hostOf(uri: string): string | null {
  try {
    return parseSipTarget(uri, "hop").host;
  } catch {
    return null;
  }
}

/**
 * A scenario's steps against its running lab: the lab's name map resolves (so a `lab: { dns }` step is followed by
 * the next connection), the lab root is the only CA, a persona presents the certificate the topology gives the server
 * it plays (lab-binder.ts), and a hop is placed by the address it reached, so "a call for mbx01's name answered at
 * mbx03's address" is served by mbx03 (seed example 1).
 */
export function labEnvironment(lab: Lab, logger: Logger, keylog: KeylogSink | undefined): StepEnvironment {
  const servers = [...lab.servers.values()];
  const identity = async (persona: PlannedPersona): Promise<TlsIdentity | undefined> => {
    const planned = persona.identity;
    if (planned.kind !== "lab") return undefined;
    // A custom topology's server without a PKI certificate presents the one the lab issued for its FQDN.
    if (lab.pki.certificates[planned.certificate] === undefined && planned.certificate === defaultCertificateName(planned.fqdn)) {
      return lab.pki.issueFor(planned.fqdn);
    }
    return lab.identity(planned.certificate);
  };
  const placeOf = (hop: { address: string | null; port: number; transport: "tls" | "tcp"; target: string }): HopPlace => {
    // Where servers share an address (::1 in an IPv6 lab, 127.0.0.1 off Linux) the port tells them apart.
    const atAddress = hop.address === null ? [] : servers.filter((candidate) => candidate.address === hop.address);
    // An open listener first: a closed one keeps only the port number it reserved, which the kernel may have handed
    // to another server's listener since; a refused hop still finds the closed one.
    const serves = (candidate: (typeof servers)[number], open: boolean) =>
      candidate.listeners().some((info) => info.port === hop.port && info.transport === hop.transport && (!open || info.open));
    let server = atAddress.find((candidate) => serves(candidate, true)) ?? atAddress.find((candidate) => serves(candidate, false)) ?? atAddress[0];
    if (server === undefined) {
      const host = hostOf(hop.target);
      server = host === null ? undefined : servers.find((candidate) => candidate.fqdn === host);
    }
    if (server === undefined) return UNKNOWN_PLACE;
    const matching = server.listeners().filter((info) => info.port === hop.port && info.transport === hop.transport);
    const listener = matching.find((info) => info.open) ?? matching[0];
    return { role: listener === undefined ? naturalTargetRole(server.role) : roleOfListener(server.role, listener.name), server: server.fqdn };
  };
  return {
    kind: "lab",
    resolver: lab.resolver(),
    caPem: lab.caPem(),
    identity,
    fromDomain: (persona) => persona.fromDomain ?? undefined,
    portOf: (endpoint: Endpoint) => (endpoint.listener === null ? endpoint.port : lab.port(endpoint.fqdn, endpoint.listener)),
    placeOf,
    lab,
    logger,
    keylog,
  };
}
