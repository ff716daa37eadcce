import type { InputSource } from "../input/input-error.js";
import type { Scenario } from "./scenario-schema.js";

/** A validated scenario and where it came from. */
export interface LoadedScenario {
  /** The file's base name without `.yaml`: the scenario's stable id in reports and JUnit. */
  readonly id: string;
  readonly file: string;
  readonly scenario: Scenario;
  /** The file and a locator for its paths, so binding errors can name line and column too. */
  readonly source: InputSource & { readonly file: string };
}
