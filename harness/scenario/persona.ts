import { z } from "zod";
import type { Persona } from "../pki/lab-identities.js";

export type { Persona };

/**
 * The sides the harness plays (DESIGN.md §4), each with that side's certificate and defaults:
 * - `pool`: a Lync/SfB Front End pool (ExumRouting) calling UM: mutual TLS, the pool's certificate, EncryptionLevel;
 * - `mediation`: a Mediation Server: mutual TLS, trunk SRTPMode;
 * - `gateway`: a VoIP gateway, IP-PBX or SBC: TCP or TLS, SRTPMode;
 * - `owa`: the OWA IM trusted application connecting to the pool (mutual TLS; places no calls).
 */
export const PERSONAS: readonly Persona[] = ["pool", "mediation", "gateway", "owa"];

export const personaSchema = z
  .enum(PERSONAS as [Persona, ...Persona[]])
  .describe("Whom the harness plays: pool | mediation | gateway | owa (DESIGN.md §4)")
  .meta({ id: "persona" });
