/**
 * How long `exum certs init` takes for the whole lab (docs/design.md §10: "cold (PKI included): seconds, not
 * minutes"). Run: node --import tsx bench/certs-init.ts [--runs N]
 * Each run writes a fresh lab PKI into its own temp directory (cold), then runs init again on it (warm: every
 * certificate is checked and kept), and removes the directory.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateLabPki } from "../harness/pki/generate-lab-pki.js";

const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag >= 0 ? Number(process.argv[runsFlag + 1]) : 3;

const cold: number[] = [];
const warm: number[] = [];
let certificates = 0;
for (let run = 0; run < runs; run++) {
  const dir = await mkdtemp(join(tmpdir(), "exum-bench-certs-"));
  try {
    const first = await generateLabPki({ dir });
    cold.push(first.elapsedMs);
    certificates = first.created.length;
    const second = await generateLabPki({ dir });
    warm.push(second.elapsedMs);
    if (second.created.length !== 0) throw new Error(`warm run re-created ${second.created.join(", ")}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `median ${median.toFixed(0)} ms (min ${(sorted[0] ?? NaN).toFixed(0)}, max ${(sorted.at(-1) ?? NaN).toFixed(0)})`;
};
console.log(`certs init, whole lab: ${certificates} certificates (2 roots, servers, mistakes), ${runs} run(s)`);
console.log(`  cold (new keys, certificates, PFX, manifest): ${stats(cold)}`);
console.log(`  warm (everything checked and kept):           ${stats(warm)}`);
