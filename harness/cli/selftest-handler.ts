import { performance } from "node:perf_hooks";
import { ExitCode } from "../errors/exit-codes.js";
import { firstLabel, sharedLabPkiDir, startLab, type Lab } from "../lab/index.js";
import { type EncryptionLevel } from "../model/encryption-level.js";
import type { CallProbeResult, ProbeResult } from "../model/probe-result.js";
import { PROTOCOL_MATRIX } from "../scenario/matrix-documented.js";
import { policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { parseSipTarget } from "../sip/sip-target.js";
import type { CliIo } from "./cli-io.js";
import type { SelftestFlags } from "./selftest-command.js";

interface Check {
  name: string;
  expected: string;
  seen: string;
  passed: boolean;
}

/** What each hop reached, as `<status> <role> <server>`: `302 Call Router cas01`, `200 worker mbx01`. */
function hopsOf(lab: Lab, call: CallProbeResult): string {
  return call.hops
    .map((hop) => {
      const server = [...lab.servers.values()].find((candidate) => candidate.listeners().some((l) => l.address === hop.address && l.port === hop.port));
      const listener = server?.listeners().find((l) => l.address === hop.address && l.port === hop.port);
      const where = server === undefined || listener === undefined ? `${hop.address ?? "?"}:${hop.port}` : `${listenerRole(server.role, listener.name)} ${firstLabel(server.fqdn)}`;
      return `${hop.status ?? hop.failure?.code ?? "-"} ${where}`;
    })
    .join(" → ");
}

/** docs/protocol.md §1: who answers on a listener. */
function listenerRole(role: string, listener: string): string {
  if (listener.startsWith("worker")) return "worker";
  if (role === "callRouter") return "Call Router";
  if (role === "mailbox") return "UM service";
  if (role === "exchange2010") return "UM server";
  return role;
}

/** What `exum selftest` does (selftest-command.ts describes it: the lab, one OPTIONS and calls, each check printed). */
export async function selftestHandler(flags: SelftestFlags, io: CliIo): Promise<number> {
  const started = performance.now();
  const certsDir = sharedLabPkiDir();
  io.err(`selftest: starting the embedded lab (default topology, kernel-chosen ports, lab PKI in ${certsDir}, made on first use)…\n`);
  const lab = await startLab({ ports: "ephemeral", dns: false, certsDir, onProgress: (line) => io.err(`selftest: ${line}\n`) });
  const checks: Check[] = [];
  const results: Record<string, ProbeResult> = {};
  try {
    const { topology } = lab;
    // A UM-enabled user of a Secured dial plan, and a Call Router that is a member of it (docs/protocol.md §5).
    const plans = topology.dialPlans.filter((plan) => plan.voipSecurity === "Secured");
    const user = topology.users.find((candidate) => candidate.umEnabled && plans.some((plan) => plan.name === candidate.dialPlan));
    const plan = plans.find((candidate) => candidate.name === user?.dialPlan);
    const router = topology.servers.find((server) => server.role === "callRouter" && plan?.servers.includes(server.fqdn) === true);
    if (user === undefined || plan === undefined || router === undefined) throw new Error("the default lab has no Secured dial plan user behind a Call Router");
    const routerPort = lab.port(router.fqdn, "sip-tls");
    const poolFqdn = lab.pki.manifest.entries.find((entry) => entry.personas?.includes("pool"))?.fqdns[0] ?? "exum.invalid";
    io.err(`selftest: lab up; Call Router ${router.fqdn} on ${lab.server(router.fqdn).address}:${routerPort}; playing the pool (${poolFqdn})\n`);
    const base: ProbeOptions = {
      identity: await lab.identity("pool"),
      caPem: lab.caPem(),
      resolver: lab.resolver(),
      fromDomain: poolFqdn,
      timeoutMs: 5000,
      signal: io.signal,
    };

    const options = await probeOptions(parseSipTarget(`${router.fqdn}:${routerPort}`), base);
    results.options = options;
    checks.push(check(`OPTIONS over mutual TLS to the Call Router ${firstLabel(router.fqdn)}`, "200 mtls", `${options.status ?? options.failure?.code ?? "-"} ${options.hops[0]?.signaling ?? "-"}`));

    // docs/protocol.md §1: Call Router 302 → the user's Mailbox server's UM service 302 → its worker, which answers.
    const { behaviour } = topology;
    const mailbox = firstLabel(user.mailboxServer);
    const redirects = `${behaviour.callRouter.redirectStatus} Call Router ${firstLabel(router.fqdn)} → ${behaviour.umService.redirectStatus} UM service ${mailbox}`;
    const local = user.sipAddress.split("@")[0] ?? "";
    const target = parseSipTarget(`sip:${local}@${router.fqdn}:${routerPort};transport=tls;opaque=app:voicemail`);
    const levels: EncryptionLevel[] = ["RequireEncryption", "DoNotSupportEncryption"];
    for (const level of levels) {
      const call = await probeCall(target, { ...base, policy: policyForEncryptionLevel(level), extraHeaders: [`Diversion: <sip:${user.sipAddress}>;reason=no-answer`] });
      results[`call-${level}`] = call;
      // What docs/protocol.md §2's compatibility matrix says of this EncryptionLevel into this dial plan.
      const cell = PROTOCOL_MATRIX.cells.find((entry) => entry.row === plan.voipSecurity && entry.column === level);
      const name = `voice mail for ${user.sipAddress} (dial plan ${plan.name}, ${plan.voipSecurity}) as ${level}`;
      const hops = hopsOf(lab, call);
      if (cell?.outcome === "works") {
        const expected = `answered ${cell.media ?? "-"} ${cell.mode ?? "-"} via ${redirects} → 200 worker ${mailbox}`;
        const seen = call.outcome === "answered" ? `answered ${call.negotiated?.media ?? "-"} ${call.negotiated?.mode ?? "-"} via ${hops}` : `failed ${call.failure?.code ?? "-"} via ${hops}`;
        checks.push(check(name, expected, seen));
      } else {
        const failures = cell?.failures ?? [];
        const refused = `${behaviour.worker.incompatibleSecurity.status} worker ${mailbox}`;
        const expected = `failed ${failures.join(" or ")} via ${redirects} → ${refused}`;
        const code = call.failure?.code ?? "-";
        const seen = `${call.outcome} ${code} via ${hops}`;
        checks.push(check(name, expected, seen, call.outcome === "failed" && failures.includes(code) && hops === `${redirects} → ${refused}`));
      }
    }
  } finally {
    const problems = await lab.close();
    for (const problem of problems) io.err(`warning: stopping the lab: ${problem.step}: ${(problem.error as Error).message}\n`);
  }
  const passed = checks.filter((c) => c.passed).length;
  const ms = Math.round(performance.now() - started);
  if (flags.json) {
    io.out(`${JSON.stringify({ checks, results }, null, 2)}\n`);
  } else {
    for (const c of checks) io.out(`${c.passed ? "PASS" : "FAIL"}  ${c.name}: expected ${c.expected}, saw ${c.seen}\n`);
    io.out(`${passed} of ${checks.length} checks passed in ${ms} ms\n`);
  }
  return passed === checks.length ? ExitCode.Ok : ExitCode.Failed;
}

function check(name: string, expected: string, seen: string, passed = expected === seen): Check {
  return { name, expected, seen, passed };
}
