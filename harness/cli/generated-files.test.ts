import { join } from "node:path";
import t from "tap";
import { currentText, generatedFiles, spliceReadme } from "./generated-files.js";

const ROOT = join(import.meta.dirname, "..", "..");

t.test("every committed generated file is what the code generates (run `npm run generate` when one is stale)", async (t) => {
  for (const generated of generatedFiles(ROOT)) {
    const current = await currentText(generated.file);
    t.equal(current, generated.expected(current), `${generated.file} is up to date`);
  }
});

t.test("the README splice replaces only what is between the markers", async (t) => {
  const readme = "intro\n<!-- generated: failure-codes (npm run generate) -->\nstale\n<!-- end generated: failure-codes -->\noutro\n";
  const spliced = spliceReadme(readme);
  t.match(spliced, /^intro\n<!-- generated: failure-codes \(npm run generate\) -->\n\| code \| layer \| meaning \|/);
  t.match(spliced, /\| `all-servers-failed` \| failover \|/);
  t.notMatch(spliced, /stale/);
  t.match(spliced, /<!-- end generated: failure-codes -->\noutro\n$/);
  t.throws(() => spliceReadme("no markers"), /lost its markers/);
});
