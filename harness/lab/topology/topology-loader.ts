import { readFile, stat } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { inputError } from "../../errors/harness-error.js";
import type { TopologySource } from "./topology-error.js";
import { parseTopology } from "./topology-parse.js";
import type { Topology } from "./topology-schema.js";
import { yamlLocator } from "./topology-yaml-locate.js";

/** Topology files larger than this are refused (a topology is a few kilobytes). */
export const MAX_TOPOLOGY_BYTES = 1024 * 1024;

/** How many YAML aliases a topology may expand (guards against alias bombs). */
const MAX_ALIASES = 100;

/**
 * A topology from YAML text. `file` names it in errors. Throws `EXUM_TOPOLOGY_NOT_YAML` for text that is not YAML
 * (or is empty) and `EXUM_TOPOLOGY_INVALID` for YAML that is not a valid topology, each with file, line, column
 * and path (exit 2).
 */
export function parseTopologyYaml(text: string, file = "topology.yaml"): Topology {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const at = position === undefined ? file : `${file}:${position.line}:${position.col}`;
    throw inputError("EXUM_TOPOLOGY_NOT_YAML", `${at}: not valid YAML: ${(error.message.split("\n")[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, "")}`, {
      file,
      hint: "a topology is a YAML mapping (servers:, dialPlans:, …); check indentation and quoting at that line",
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw inputError("EXUM_TOPOLOGY_NOT_YAML", `${file}: ${(cause as Error).message}`, { file, hint: "check the YAML anchors (&name) and aliases (*name): each anchor before its aliases, and few expansions", cause });
  }
  if (data === null || data === undefined) {
    throw inputError("EXUM_TOPOLOGY_NOT_YAML", `${file}: the file is empty`, { file, hint: "a topology needs at least servers:; start from the built-in default (exum lab prints it)" });
  }
  const source: TopologySource = { file, locate: yamlLocator(document, lineCounter) };
  return parseTopology(data, source);
}

/**
 * Reads and validates a topology file (YAML). Errors are input errors (exit 2): `EXUM_TOPOLOGY_UNREADABLE`,
 * `EXUM_TOPOLOGY_NOT_YAML`, `EXUM_TOPOLOGY_INVALID`, each naming the file (and line, column and path).
 */
export async function loadTopology(file: string): Promise<Topology> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > MAX_TOPOLOGY_BYTES) throw new Error(`${info.size} bytes is more than the ${MAX_TOPOLOGY_BYTES} a topology may have`);
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw inputError("EXUM_TOPOLOGY_UNREADABLE", `cannot read topology file ${file}: ${(cause as Error).message}`, {
      file,
      hint: "give the path of a YAML topology file, or omit it to use the built-in default",
      cause,
    });
  }
  return parseTopologyYaml(text, file);
}
