/**
 * The side the harness plays (docs/design.md §4 "Personas and targets"), each with that side's certificate and
 * defaults: a Lync/SfB Front End pool, a Mediation Server, a VoIP gateway/IP-PBX/SBC, or the OWA IM trusted
 * application.
 */
export type Persona = "pool" | "mediation" | "gateway" | "owa";

export const PERSONAS: readonly Persona[] = ["pool", "mediation", "gateway", "owa"];
