import { randomBytes } from "node:crypto";

/**
 * A run's id, also the name of its report directory (`reports/<run-id>/`): the start time in UTC to the second, made
 * safe for file names on every system (no colons), and four random hex digits so two runs started in the same second
 * (parallel CI shards on one runner) never share a directory: `2024-05-01T10-22-31Z-3f9a`.
 */
export function makeRunId(startedAt: Date, random: () => string = () => randomBytes(2).toString("hex")): string {
  const stamp = startedAt.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return `${stamp}-${random()}`;
}
