import type { InputSource } from "../input/input-error.js";
import type { Site } from "./site-schema.js";

/** A validated site file; its identity and CA paths made absolute (relative to the site file). */
export interface LoadedSite {
  readonly file: string;
  readonly site: Site;
  readonly source: InputSource & { readonly file: string };
}
