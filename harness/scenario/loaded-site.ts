import type { TopologySource } from "../lab/index.js";
import type { Site } from "./site-schema.js";

/** A validated site file; its identity and CA paths made absolute (relative to the site file). */
export interface LoadedSite {
  readonly file: string;
  readonly site: Site;
  readonly source: TopologySource & { readonly file: string };
}
