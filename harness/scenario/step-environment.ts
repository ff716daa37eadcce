import type { Lab } from "../lab/index.js";
import type { Logger } from "../log/logger.js";
import type { Resolver } from "../sip/resolve-map.js";
import type { KeylogSink } from "../tls/keylog-sink.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import type { HopPlace } from "./hop-place.js";
import type { Endpoint, PlannedPersona } from "./plan.js";

/**
 * What a step talks through: the embedded lab of its scenario, or a real site. The runner makes one per scenario
 * (lab-environment.ts, site-environment.ts); step kinds use only this, so they run unchanged against either
 * (docs/design.md §6 "the same scenarios run unchanged against a real deployment").
 */
export interface StepEnvironment {
  readonly kind: "lab" | "site";
  /** Names to addresses: the lab's name map (repointed by lab steps), or the site's `resolve:` entries, then DNS. */
  readonly resolver: Resolver;
  /** The CAs a server's chain must lead to: the lab root, or the site's `caBundle`. */
  readonly caPem: readonly string[];
  /** The certificate a persona presents (chain and key). */
  identity(persona: PlannedPersona): Promise<TlsIdentity | undefined>;
  /** The FQDN we claim in From: the lab server we play, or the site identity's name. */
  fromDomain(persona: PlannedPersona): string | undefined;
  /** The port an endpoint is reached on now: the lab's bound port (ephemeral mode differs), or the plan's. */
  portOf(endpoint: Endpoint): number;
  /** The role and server a hop reached, from the address and port it connected to (or its host). */
  placeOf(hop: { readonly address: string | null; readonly port: number; readonly transport: "tls" | "tcp"; readonly target: string; readonly host?: string }): HopPlace;
  /** The running lab, for `lab` steps; null on a site. */
  readonly lab: Lab | null;
  readonly logger: Logger;
  readonly keylog: KeylogSink | undefined;
}
