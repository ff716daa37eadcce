import type { LoadedSite } from "./loaded-site.js";
import { checkSiteFiles, parseSite } from "./parse-site.js";
import { parseYamlSource, readYamlSource, type YamlFileKind } from "../input/yaml-source.js";

export const SITE_FILE: YamlFileKind = {
  what: "site file",
  codes: { unreadable: "EXUM_SITE_UNREADABLE", notYaml: "EXUM_SITE_NOT_YAML" },
  shape: "domain:, roles:, identity:, caBundle:",
  maxBytes: 256 * 1024,
};

/** A site from YAML text (its files are not checked); `file` names it in errors and anchors relative paths. */
export function parseSiteYaml(text: string, file = "site.yaml"): LoadedSite {
  const { data, source } = parseYamlSource(text, file, SITE_FILE);
  return parseSite(data, source);
}

/**
 * Reads and validates a site file, and checks that the identity and CA files it names can be read. Every error is an
 * input error (exit 2) naming the file: `EXUM_SITE_UNREADABLE`, `EXUM_SITE_NOT_YAML` (line and column),
 * `EXUM_SITE_INVALID` (line, column and path, with a hint).
 */
export async function loadSiteFile(file: string): Promise<LoadedSite> {
  const { data, source } = await readYamlSource(file, SITE_FILE);
  const loaded = parseSite(data, source);
  await checkSiteFiles(loaded);
  return loaded;
}
