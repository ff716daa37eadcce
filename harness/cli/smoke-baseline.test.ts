import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { startTestLab } from "../lab/lab-test-fixture.js";
import type { Lab } from "../lab/lab.js";
import type { RunResult } from "../model/run-result.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import { tempDir } from "../testing/temp-dir.js";
import { writeFiles } from "../testing/write-files.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { smokeCommand } from "./smoke-command.js";

/** The running lab as a real site (as smoke-command.test.ts binds it): roles, resolve: lines, the pool's PEM identity. */
function siteYaml(lab: Lab): string {
  const resolve = [...lab.servers.values()].map((server) => `${server.fqdn}:*:${server.address}`);
  return `name: the lab as a site
domain: contoso.com
roles:
  callRouter: cas01.tukwila.contoso.com
  umService: [mbx01.tukwila.contoso.com, mbx02.tukwila.contoso.com]
  pool: pool01.contoso.com
  mediation: med01.contoso.com
identity: { cert: ${lab.pki.personas.pool.chain}, key: ${lab.pki.personas.pool.key} }
caBundle: ${lab.pki.rootCa}
pilots: { autoAttendant: aa }
resolve: [${resolve.join(", ")}]
timeout: 3s
`;
}

async function smoke(dir: string, args: readonly string[]) {
  const io = memoryIo({ cwd: dir });
  const code = await dispatch(["smoke", "--site", "site.yaml", "--reporter", "list,json", ...args], io, [smokeCommand as never]);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function onlyRunFile(dir: string, out: string): Promise<string> {
  const [runId] = await readdir(join(dir, out));
  return join(out, runId ?? "", "run.json");
}

t.test("exum smoke --baseline: the run diffed against an earlier one (docs/design.md §1 \"exum diff\")", async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t);
  await writeFiles(dir, { "site.yaml": siteYaml(lab) });
  const first = await smoke(dir, ["--out", "before"]);
  t.equal(first.code, ExitCode.Ok, "the baseline run passes", first);
  const baseline = await onlyRunFile(dir, "before");

  t.test("nothing changed: the diff says so after the summary, exit 0", async (t) => {
    const { code, stdout, stderr } = await smoke(dir, ["--out", "same", "--baseline", baseline]);
    t.equal(code, ExitCode.Ok, "exit 0", { stdout, stderr });
    t.match(stdout, /3 scenarios: 3 passed[^\n]*\n[\s\S]*\nSince the baseline:\nrun A: before\/\S+\/run\.json \([^)]*\)\nrun B: same\/\S+\/run\.json \([^)]*\)\n\nNo differences in what was negotiated: 3 scenarios compared\.\n$/);
  });

  t.test("every check passes, but a certificate is now within the warning window: a security regression, exit 1", async (t) => {
    // The baseline as if it had been taken 30 days earlier, the threshold one day above what the Call Router's
    // certificate has left: the same certificate, since then closer to its expiry than the warning.
    const run = JSON.parse(await readFile(join(dir, baseline), "utf8")) as RunResult;
    const options = run.scenarios[0]?.steps[0]?.evidence as ProbeEvidence;
    const validTo = options.tls?.peer?.validTo ?? "";
    const daysLeft = Math.floor((Date.parse(validTo) - Date.parse(run.startedAt)) / 86_400_000);
    t.ok(daysLeft > 0, `the lab's certificate has ${daysLeft} days left`);
    const earlier = { ...run, startedAt: new Date(Date.parse(run.startedAt) - 30 * 86_400_000).toISOString() };
    await writeFiles(dir, { "earlier.json": JSON.stringify(earlier) });
    const { code, stdout, stderr } = await smoke(dir, ["--out", "later", "--baseline", "earlier.json", "--expiry-warning-days", String(daysLeft + 1)]);
    t.equal(code, ExitCode.Failed, "exit 1", { stdout, stderr });
    t.match(stdout, /3 scenarios: 3 passed/, "every check passed");
    t.match(stdout, /\n {4}SECURITY REGRESSION {2}certificate expiry, hop 1 cas01\.tukwila\.contoso\.com, server certificate: \S+ \(\d+ days left\) → \S+ \(\d+ days left\) — \d+ days left in run B, fewer than the \d+-day warning threshold/);
  });

  t.test("a --baseline that is not a run: exit 2 before anything is sent or written", async (t) => {
    await writeFiles(dir, { "not-a-run.json": "[]" });
    for (const [baselineFile, message] of [
      ["missing.json", /^error\[EXUM_FILE_NOT_FOUND\]: --baseline \S+missing\.json does not exist/],
      ["not-a-run.json", /^error\[EXUM_RUN_FILE_INVALID\]: \S+not-a-run\.json: the top level is not an object/],
    ] as const) {
      const { code, stdout, stderr } = await smoke(dir, ["--out", "never", "--baseline", baselineFile]);
      t.equal(code, ExitCode.BadInput, baselineFile);
      t.match(stderr, message);
      t.equal(stdout, "");
    }
    t.notOk((await readdir(dir)).includes("never"), "no run folder");
  });
});
