import type { CallDestination } from "./call-destination.js";
import type { Persona } from "../model/persona.js";
import type { Endpoint, MediaSetting, PlannedPersona, ResolvedRef } from "./plan.js";
import type { TargetRef } from "./target-ref.js";

/** Where a call destination goes: its Request-URI, its headers, and the first hop when no `via` is given. */
export interface BoundDestination {
  readonly requestUri: string;
  readonly headers: readonly string[];
  /** The default first hop; called only when the step gives no `via`. */
  readonly defaultVia: () => Endpoint;
}

/**
 * What `bindRoles` asks of a lab topology or a site file. Each method throws a {@link BindProblem} saying what is
 * missing and how to fix it; `bindRoles` adds the file, line and step path.
 */
export interface RoleBinder {
  readonly kind: "lab" | "site";
  /** The endpoint a target names, reached by `persona` over `transport`. */
  endpoint(ref: TargetRef, persona: Persona, transport: "tls" | "tcp"): Endpoint;
  /** A role reference of an expectation (`redirects`, `servedBy`, `tried`). */
  resolveRef(ref: TargetRef): ResolvedRef;
  destination(destination: CallDestination, persona: Persona, transport: "tls" | "tcp"): BoundDestination;
  /** The certificate a persona presents and the name it claims. */
  persona(persona: Persona): PlannedPersona;
  /** What a persona offers when a step names no EncryptionLevel or SRTPMode. */
  media(persona: Persona): MediaSetting;
  /** A server's FQDN from its FQDN or short name (certificate peers). */
  serverFqdn(name: string): string;
}
