import { z } from "zod";
import { PERSONAS, type Persona } from "../model/persona.js";

export const personaSchema = z
  .enum(PERSONAS as [Persona, ...Persona[]])
  .describe("Whom the harness plays: pool | mediation | gateway | owa (docs/design.md §4)")
  .meta({ id: "persona" });
