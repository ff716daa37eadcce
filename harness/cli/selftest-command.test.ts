import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import type { CliCommand } from "./cli-command.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { selftestCommand } from "./selftest-command.js";
import { connectionRefused } from "../testing/connection-refused.js";

const registry = [selftestCommand as unknown as CliCommand<never>];

async function exum(args: string[], signal?: AbortSignal) {
  const io = memoryIo(signal === undefined ? {} : { signal });
  const code = await dispatch(args, io, registry);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** The Call Router's address and port from the progress line `selftest: lab up; Call Router … on <address>:<port>`. */
function routerEndpoint(stderr: string): { address: string; port: number } {
  const match = /lab up; Call Router \S+ on ([\d.]+):(\d+)/.exec(stderr);
  return { address: match?.[1] ?? "", port: Number(match?.[2] ?? 0) };
}

t.test("exum selftest: every check passes on the embedded lab; PASS lines and the count on stdout, progress on stderr, exit 0", async (t) => {
  const { code, stdout, stderr } = await exum(["selftest"]);
  t.equal(code, ExitCode.Ok, stdout);
  const lines = stdout.trimEnd().split("\n");
  t.match(lines, [
    /^PASS {2}OPTIONS over mutual TLS to the Call Router cas01: expected 200 mtls, saw 200 mtls$/,
    /^PASS {2}voice mail for alice@contoso\.com \(dial plan DP1, Secured\) as RequireEncryption: expected answered srtp Secured via 302 Call Router cas01 → 302 UM service mbx01 → 200 worker mbx01, saw answered srtp Secured via 302 Call Router cas01 → 302 UM service mbx01 → 200 worker mbx01$/,
    /^PASS {2}voice mail for alice@contoso\.com \(dial plan DP1, Secured\) as DoNotSupportEncryption: expected failed srtp-required-by-peer via .* → 488 worker mbx01, saw failed srtp-required-by-peer via 302 Call Router cas01 → 302 UM service mbx01 → 488 worker mbx01$/,
    /^3 of 3 checks passed in \d+ ms$/,
  ]);
  t.equal(lines.length, 4);
  t.match(stderr, /^selftest: starting the embedded lab \(default topology, kernel-chosen ports, lab PKI in \S+/);
  t.notMatch(stdout, /^selftest:/m, "progress lines only on stderr");
  const router = routerEndpoint(stderr);
  t.ok(router.port > 0, stderr);
  t.ok(await connectionRefused(router.address, router.port), "the lab is closed when the command returns");
});

t.test("exum selftest --json: the checks (expected, seen, passed) and each probe's result", async (t) => {
  const { code, stdout } = await exum(["selftest", "--json"]);
  t.equal(code, ExitCode.Ok);
  const json = JSON.parse(stdout) as { checks: { name: string; expected: string; seen: string; passed: boolean }[]; results: Record<string, unknown> };
  t.equal(json.checks.length, 3);
  for (const check of json.checks) t.match(check, { name: String, expected: check.seen, passed: true }, check.name);
  t.same(Object.keys(json.results), ["options", "call-RequireEncryption", "call-DoNotSupportEncryption"]);
  t.match(json.results, {
    options: { kind: "options", outcome: "ok", status: 200, hops: [{ signaling: "mtls" }], tls: { clientCertificate: { sent: true, accepted: true } } },
    "call-RequireEncryption": {
      kind: "call",
      outcome: "answered",
      negotiated: { signaling: "mtls", media: "srtp", mode: "Secured" },
      hops: [{ status: 302, target: /^sip:alice@cas01\./ }, { status: 302, target: /^sip:alice@mbx01\./ }, { status: 200, target: /^sip:alice@mbx01\./ }],
    },
    "call-DoNotSupportEncryption": { kind: "call", outcome: "failed", status: 488, failure: { code: "srtp-required-by-peer" } },
  });
});

t.test("checks that fail (interrupted before anything was answered): FAIL lines, exit 1, the lab still closed", async (t) => {
  const controller = new AbortController();
  controller.abort();
  const { code, stdout, stderr } = await exum(["selftest"], controller.signal);
  t.equal(code, ExitCode.Failed);
  t.match(stdout, /^FAIL {2}OPTIONS over mutual TLS to the Call Router cas01: expected 200 mtls, saw aborted /m);
  t.match(stdout, /^0 of 3 checks passed in \d+ ms$/m);
  const router = routerEndpoint(stderr);
  t.ok(await connectionRefused(router.address, router.port), "the lab is closed");
});
