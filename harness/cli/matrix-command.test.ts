import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import { runResultSchema } from "../model/run-result-schema.js";
import type { CliCommand } from "./cli-command.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { matrixCommand } from "./matrix-command.js";
import { reportCommand } from "./report-command.js";

const registry = [matrixCommand as unknown as CliCommand, reportCommand as unknown as CliCommand];

t.test("exum matrix: progress on stderr, the grid on stdout, reports/<run-id>/ like a run; exum report re-renders it", async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), "exum-matrix-cmd-"));
  t.teardown(() => rm(cwd, { recursive: true, force: true }));
  const io = memoryIo({ cwd });
  t.equal(await dispatch(["matrix", "--sweep", "pool-encryption", "--certs", sharedLabPkiDir()], io, registry), ExitCode.Ok);
  t.match(io.stderr, "pool-encryption: SIPSecured × RequireEncryption: fails: incompatible-security-setting (488)\n");
  t.match(io.stdout, /SIPSecured +✗ incompatible-security-setting \(488\) +✓ RTP · SIPSecured +✓ RTP · SIPSecured/);
  t.match(io.stdout, "→ all 9 cells agree");
  t.match(io.stdout, "Compatibility matrix: every measured cell agrees with the documented tables.");
  const [runId] = await readdir(join(cwd, "reports"));
  const dir = join(cwd, "reports", runId as string);
  t.same((await readdir(dir)).sort(), ["junit.xml", "report.html", "report.md", "run.json"]);
  const run = runResultSchema.parse(JSON.parse(await readFile(join(dir, "run.json"), "utf8")));
  t.equal(run.runId, runId);
  t.equal(run.matrix?.sweeps.length, 1);
  t.match(await readFile(join(dir, "report.html"), "utf8"), /<svg class="ladder"/);

  const again = memoryIo({ cwd });
  t.equal(await dispatch(["report", join(dir, "run.json"), "--reporter", "md", "--out", "md"], again, registry), ExitCode.Ok);
  t.equal(await readFile(join(cwd, "md", "report.md"), "utf8"), await readFile(join(dir, "report.md"), "utf8"), "the same report from run.json alone");
});

t.test("exum matrix --json prints the matrix; bad flags are exit 2", async (t) => {
  const cwd = await mkdtemp(join(tmpdir(), "exum-matrix-cmd-"));
  t.teardown(() => rm(cwd, { recursive: true, force: true }));
  const io = memoryIo({ cwd });
  t.equal(await dispatch(["matrix", "--sweep", "startup-mode", "--json", "--reporter", "list,json", "--certs", sharedLabPkiDir()], io, registry), ExitCode.Ok);
  t.match(JSON.parse(io.stdout), { differences: 0, sweeps: [{ id: "startup-mode", columns: { setting: "UMStartupMode", values: ["TCP", "TLS", "Dual"] } }] });
  for (const argv of [["matrix", "--sweep", "nope"], ["matrix", "--reporter", "pdf"], ["matrix", "--timeout", "0"]]) {
    const bad = memoryIo({ cwd });
    t.equal(await dispatch(argv, bad, registry), ExitCode.BadInput, argv.join(" "));
    t.match(bad.stderr, /^error\[EXUM_BAD_/);
  }
});
