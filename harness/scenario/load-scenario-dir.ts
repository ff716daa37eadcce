import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { inputError } from "../errors/harness-error.js";
import { defaultLoadedTopology } from "../lab/index.js";
import { loadScenarioFile } from "./load-scenario.js";
import type { LoadedScenario } from "./loaded-scenario.js";
import type { ScenarioLoadOptions } from "./parse-scenario.js";
import { shard, type ShardSpec } from "./shard.js";
import { uniqueScenarios } from "./unique-scenarios.js";

export interface ScenarioDirOptions extends ScenarioLoadOptions {
  /** Load only this slice of the sorted library (`--shard i/n`). */
  shard?: ShardSpec;
}

/** Site files live beside scenarios (`site.example.yaml`) and are not scenarios. */
export function isScenarioFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && !/^site\./i.test(name);
}

/**
 * Every scenario of a directory (`*.yaml`, `*.yml`; not `site.*.yaml`), sorted by file name (code-point order, the
 * same on every machine), optionally one shard of them. Errors are input errors (exit 2): those of
 * `loadScenarioFile`, `EXUM_SCENARIO_DIR_UNREADABLE`, `EXUM_SCENARIO_DUPLICATE_NAME` (two files with one `name`).
 * Names are checked across the whole directory, then the shard is taken.
 */
export async function loadScenarioDir(dir: string, options: ScenarioDirOptions = {}): Promise<LoadedScenario[]> {
  let names: string[];
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    names = entries.filter((entry) => entry.isFile() && isScenarioFileName(entry.name)).map((entry) => entry.name);
  } catch (cause) {
    throw inputError("EXUM_SCENARIO_DIR_UNREADABLE", `cannot read the scenario directory ${dir}: ${(cause as Error).message}`, {
      file: dir,
      hint: "give a directory of scenario YAML files (the library is scenarios/)",
      cause,
    });
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const topology = options.topology ?? defaultLoadedTopology();
  const loaded: LoadedScenario[] = [];
  for (const name of names) loaded.push(await loadScenarioFile(join(dir, name), { topology }));
  uniqueScenarios(loaded);
  return options.shard === undefined ? loaded : shard(loaded, options.shard.index, options.shard.total);
}
