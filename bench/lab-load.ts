/**
 * What the embedded lab sustains (docs/design.md §10 "Budgets": "OPTIONS over one persistent MTLS connection and full
 * call setups through the redirect chain: thousands and hundreds per second respectively on two cores; the lab must
 * keep up with an external SIPp-class load"; "Memory bounded under load"). Prints figures, asserts nothing.
 * Run: node --import tsx bench/lab-load.ts [--quick]
 *
 * The default lab runs on this thread; the load comes from a worker thread (bench/lab-load-client.ts: raw node:tls
 * SIP, its own event loop) and from SIPp (a process of its own), so the lab's event loop carries only the lab. "lab
 * loop" is the main thread's event-loop utilisation while a workload ran (1.00 = the lab is the bottleneck); "client
 * CPU/op" the load worker's thread CPU per operation (bench/proc-stat.ts), so a client-bound row shows as one.
 * Loopback only; every workload is bounded in count and in time.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { sharedLabPkiDir } from "../harness/lab/lab-pki.js";
import { startLab, type Lab } from "../harness/lab/lab.js";
import { findPeerBinary } from "../harness/testing/find-peer-binary.js";
import { freePortRange, freeTcpPort, freeUdpPort, LOOPBACK } from "../harness/testing/free-port.js";
import { runToCompletion } from "../harness/testing/run-to-completion.js";
import { mainThreadCpuMs } from "./proc-stat.js";
import { kamailioMissing, startKamailioReference, type GroupMemory } from "./kamailio-reference.js";
import type { LoadClientData, LoadResult, LoadTarget, LoadTask } from "./lab-load-client.js";

const quick = process.argv.includes("--quick");
/** `--only <id>[,<id>…]`: run only those workloads (to profile one: `node --cpu-prof --import tsx bench/lab-load.ts --only pipelined`). */
const onlyFlag = process.argv.indexOf("--only");
const only = onlyFlag >= 0 ? new Set((process.argv[onlyFlag + 1] ?? "").split(",")) : null;
const wanted = (id: string) => only === null || only.has(id);
const scale = quick ? 0.2 : 1;
const CAS = "cas01.tukwila.contoso.com";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

interface Row {
  readonly what: string;
  readonly rate: string;
  readonly detail: string;
  readonly loop: string;
  readonly cpu: string;
  /** The load worker's CPU per operation (its thread's, warm-up included), "-" where the load is not ours. */
  readonly clientCpu: string;
}
const rows: Row[] = [];

function memory(label: string) {
  const usage = process.memoryUsage();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return { label, rss: mb(usage.rss), heapUsed: mb(usage.heapUsed), heapTotal: mb(usage.heapTotal), external: mb(usage.external) };
}

/** Starts the load worker (tsx registered inside it: a worker does not inherit `--import tsx`). */
function startWorker(data: LoadClientData): Worker {
  const client = new URL("./lab-load-client.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(client)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

function runTask(worker: Worker, task: LoadTask): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { result?: LoadResult; error?: string }) => {
      worker.off("error", reject);
      if (message.result !== undefined) resolve(message.result);
      else reject(new Error(message.error ?? "the load worker failed"));
    };
    worker.once("message", onMessage);
    worker.once("error", reject);
    worker.postMessage(task);
  });
}

/** Runs a workload and measures the lab's event-loop utilisation and its thread's CPU time meanwhile. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; loop: string; cpuMs: number }> {
  const before = performance.eventLoopUtilization();
  const cpuBefore = mainThreadCpuMs();
  const value = await work();
  const elu = performance.eventLoopUtilization(before);
  return { value, loop: elu.utilization.toFixed(2), cpuMs: mainThreadCpuMs() - cpuBefore };
}

/** CPU time per operation, µs (what the machine's other load does not change). */
const cpuPer = (cpuMs: number, operations: number) => (Number.isNaN(cpuMs) || operations <= 0 ? "-" : `${Math.round((cpuMs * 1000) / operations)} µs`);

const perSecond = (count: number, ms: number) => (ms <= 0 ? 0 : (count * 1000) / ms);
const fmt = (value: number) => Math.round(value).toLocaleString("en-US");

/** SIPp's OPTIONS scenario with a response-time measure (start_rtd / rtd). */
const SIPP_OPTIONS = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="exum bench OPTIONS">
  <send start_rtd="1"><![CDATA[
OPTIONS sip:[service]@${CAS}:5060;transport=tcp SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:sipp@[local_ip]:[local_port]>;tag=[pid]SIPpTag[call_number]
To: <sip:${CAS}>
Call-ID: [call_id]
CSeq: 1 OPTIONS
Max-Forwards: 70
Accept: application/sdp
Content-Length: 0

]]></send>
  <recv response="200" rtd="1"/>
</scenario>
`;

/** The last row of SIPp's `-trace_stat` CSV (`-stf`), by column name (its final screen prints zero times). */
async function sippStats(file: string): Promise<Record<string, string>> {
  const lines = (await readFile(file, "utf8").catch(() => "")).trim().split("\n");
  const names = lines[0]?.split(";") ?? [];
  const values = lines.at(-1)?.split(";") ?? [];
  return Object.fromEntries(names.map((name, index) => [name, values[index] ?? ""]));
}

/** `00:00:00:412000` (SIPp's hh:mm:ss:microseconds) in ms. */
function sippMs(text: string | undefined): number {
  const parts = /^(\d+):(\d+):(\d+):(\d+)$/.exec(text ?? "");
  if (parts === null) return NaN;
  return ((Number(parts[1]) * 60 + Number(parts[2])) * 60 + Number(parts[3])) * 1000 + Number(parts[4]) / 1000;
}

/** SIPp over TCP (one socket) against the Call Router's 5060: `calls` OPTIONS at `rate` per second. */
async function sippLoad(lab: Lab, calls: number, rate: number): Promise<void> {
  const binary = findPeerBinary("sipp");
  if (binary === undefined) {
    rows.push({ what: `SIPp OPTIONS over TCP at ${rate}/s`, rate: "-", detail: "sipp is not installed (apt-get install sip-tester)", loop: "-", cpu: "-", clientCpu: "-" });
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "exum-bench-sipp-"));
  try {
    await writeFile(join(dir, "options.xml"), SIPP_OPTIONS);
    const [localPort, mediaPort, controlPort] = await Promise.all([freeTcpPort(), freePortRange(3, { protocols: ["udp"] }), freeUdpPort()]);
    const cas = lab.server(CAS);
    const port = lab.port(CAS, "sip-tcp");
    const args = [
      `${LOOPBACK}:${port}`,
      "-rsa", `${cas.address}:${port}`,
      "-sf", join(dir, "options.xml"),
      "-t", "t1",
      "-s", "bench",
      "-i", LOOPBACK, "-p", String(localPort), "-bind_local",
      "-mi", LOOPBACK, "-mp", String(mediaPort),
      "-ci", LOOPBACK, "-cp", String(controlPort),
      "-m", String(calls), "-r", String(rate), "-rp", "1000", "-l", String(Math.max(100, rate)),
      "-nostdin", "-timeout", "60s", "-timeout_error",
      "-trace_stat", "-stf", join(dir, "stats.csv"), "-fd", "1",
    ];
    const { value: result, loop, cpuMs } = await measured(() => runToCompletion({ name: "sipp", command: binary, args, cwd: dir, timeoutMs: 65_000 }));
    const stats = await sippStats(join(dir, "stats.csv"));
    const ok = Number(stats["SuccessfulCall(C)"] ?? "0");
    const failed = Number(stats["FailedCall(C)"] ?? "0");
    rows.push({
      what: `SIPp OPTIONS over TCP, -r ${rate} -m ${calls}`,
      rate: `${fmt(perSecond(ok, result.durationMs))}/s`,
      detail:
        `${ok} × 200, ${failed} failed, exit ${String(result.code)}${result.timedOut ? " (timed out)" : ""}; ` +
        `SIPp's mean response time ${sippMs(stats["ResponseTime1(C)"]).toFixed(1)} ms (σ ${sippMs(stats["ResponseTime1StDev(C)"]).toFixed(1)})`,
      loop,
      cpu: cpuPer(cpuMs, ok + failed),
      clientCpu: "-",
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One round of the lab-vs-Kamailio comparison: what the load worker counted, and the server's CPU time meanwhile. */
interface Round {
  readonly result: LoadResult;
  readonly cpuMs: number;
}

/** One side of the comparison: its rounds under the same pipelined OPTIONS load. */
interface Side {
  readonly name: string;
  readonly rounds: Round[];
  memoryBefore: string;
  memoryAfter: string;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const groupMemoryText = (memory: GroupMemory) => `RSS ${mb(memory.rssBytes)} (PSS ${mb(memory.pssBytes)}, ${memory.processes} processes)`;
function labMemoryText(): string {
  const usage = process.memoryUsage();
  return `RSS ${mb(usage.rss)} (process, load worker included), heap ${mb(usage.heapUsed)}`;
}

const roundRate = (round: Round) => perSecond(round.result.ok, round.result.elapsedMs);
const roundCpuUs = (round: Round) => (round.cpuMs * 1000) / Math.max(1, round.result.ok + round.result.failed);

/** The median of the rounds' values (the middle one of an odd number; the lower middle otherwise). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}

/**
 * The lab's Call Router against Kamailio (bench/kamailio-reference.ts) under the same load: the load worker's one MTLS
 * connection with 128 pipelined OPTIONS, bounded in count and time, rounds alternating between the two so a noisy
 * machine weighs on both. Kamailio gets the same identity check (strict mutual TLS against the lab root). CPU time is
 * the lab's thread, and the sum over Kamailio's processes.
 */
async function labVersusKamailio(worker: Worker, lab: Lab): Promise<{ lab: Side; kamailio: Side | string }> {
  const rounds = quick ? 1 : 3;
  const task = (target?: LoadTarget): LoadTask => ({ kind: "options", window: 128, maxRequests: Math.round(20_000 * scale), maxMs: 10_000, ...(target === undefined ? {} : { target }) });
  const labSide: Side = { name: "lab Call Router", rounds: [], memoryBefore: "", memoryAfter: "" };
  const labRound = async () => {
    const cpuBefore = mainThreadCpuMs();
    const result = await runTask(worker, task());
    labSide.rounds.push({ result, cpuMs: mainThreadCpuMs() - cpuBefore });
  };
  const missing = kamailioMissing();
  gc();
  labSide.memoryBefore = labMemoryText();
  if (missing !== null) {
    for (let round = 0; round < rounds; round += 1) await labRound();
    labSide.memoryAfter = labMemoryText();
    return { lab: labSide, kamailio: missing };
  }
  const cas = await lab.identity(lab.server(CAS).certificate);
  const kamailio = await startKamailioReference(cas, lab.pki.rootCaPem);
  const version = /kamailio (\S+)/.exec(spawnSync("kamailio", ["-v"], { encoding: "utf8", timeout: 5000 }).stdout ?? "")?.[1] ?? "?";
  const kamailioSide: Side = { name: `Kamailio ${version}`, rounds: [], memoryBefore: "", memoryAfter: "" };
  const target: LoadTarget = { fqdn: CAS, address: "127.0.0.1", port: kamailio.peer.port };
  try {
    for (let round = 0; round < rounds; round += 1) {
      await labRound();
      // Its workers are forked once it listens: "before" is read when they are all up, just before its first round.
      const before = await kamailio.memory();
      if (round === 0) kamailioSide.memoryBefore = groupMemoryText(before);
      const result = await runTask(worker, task(target));
      const after = await kamailio.memory();
      kamailioSide.rounds.push({ result, cpuMs: after.cpuMs - before.cpuMs });
      kamailioSide.memoryAfter = groupMemoryText(after);
    }
    labSide.memoryAfter = labMemoryText();
  } finally {
    await kamailio.stop();
  }
  return { lab: labSide, kamailio: kamailioSide };
}

function printComparison(result: { lab: Side; kamailio: Side | string }): void {
  const describe = (side: Side) => {
    const errors = side.rounds.reduce((sum, round) => sum + round.result.failed, 0);
    const answered = side.rounds.reduce((sum, round) => sum + round.result.ok, 0);
    const each = side.rounds.map((round) => fmt(roundRate(round))).join(", ");
    return [
      `${side.name.padEnd(16)} ${`${fmt(median(side.rounds.map(roundRate)))}/s`.padStart(9)}  ${`${fmt(median(side.rounds.map(roundCpuUs)))} µs`.padStart(7)} CPU per request` +
        `  (rounds ${each}/s); ${answered} × 200, ${errors} errors (non-200 or unanswered)`,
      `${"".padEnd(16)} memory before ${side.memoryBefore}`,
      `${"".padEnd(16)} memory after  ${side.memoryAfter}`,
    ];
  };
  console.log("lab vs Kamailio — the same load generator (bench/lab-load-client.ts: one mutual-TLS connection, 128 pipelined OPTIONS,");
  console.log(`${Math.round(20_000 * scale)} requests or 10 s per round, rounds alternating; medians of the rounds):`);
  for (const line of describe(result.lab)) console.log(`  ${line}`);
  if (typeof result.kamailio === "string") {
    console.log(`  Kamailio: not measured (${result.kamailio})`);
    return;
  }
  for (const line of describe(result.kamailio)) console.log(`  ${line}`);
  const rate = median(result.lab.rounds.map(roundRate)) / Math.max(1, median(result.kamailio.rounds.map(roundRate)));
  const cpu = median(result.kamailio.rounds.map(roundCpuUs)) / median(result.lab.rounds.map(roundCpuUs));
  console.log(`  ratio lab / Kamailio: ${rate.toFixed(2)}× the rate (goal ≥ 0.5×, docs/design.md §10); ${cpu.toFixed(2)}× Kamailio's requests per CPU second`);
}

const started = performance.now();
const lab = await startLab({ certsDir: sharedLabPkiDir(), dns: false, onProgress: (line) => process.stderr.write(`${line}\n`) });
const startMs = performance.now() - started;
const worker = startWorker(await (async (): Promise<LoadClientData> => {
  const pool = await lab.identity("pool");
  const names: Record<string, string> = {};
  for (const server of lab.servers.values()) names[server.fqdn] = server.address;
  return {
    certPem: pool.certPem,
    keyPem: pool.keyPem,
    caPem: lab.pki.rootCaPem,
    callRouter: { fqdn: CAS, address: lab.server(CAS).address, port: lab.port(CAS, "sip-tls") },
    names,
    fromDomain: "pool01.contoso.com",
  };
})());
const memories = [];
let comparison: { lab: Side; kamailio: Side | string } | undefined;
try {
  gc();
  memories.push(memory("after start (GC'd)"));

  const tasks: { id: string; what: string; task: LoadTask; rate: (r: LoadResult) => string; detail: (r: LoadResult) => string }[] = [
    {
      id: "serial",
      what: "OPTIONS, one MTLS connection, one at a time",
      task: { kind: "options", window: 1, maxRequests: Math.round(5000 * scale), maxMs: 5000 },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} × 200, ${r.failed} other; round trip ${r.meanMs.toFixed(3)} ms`,
    },
    {
      id: "pipelined",
      what: "OPTIONS, one MTLS connection, 128 pipelined",
      task: { kind: "options", window: 128, maxRequests: Math.round(20_000 * scale), maxMs: 10_000 },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} × 200, ${r.failed} other, in ${(r.elapsedMs / 1000).toFixed(2)} s`,
    },
    {
      id: "connections",
      what: "new MTLS connections (full handshake + OPTIONS), 4 at once",
      task: { kind: "connections", concurrency: 4, max: Math.round(3000 * scale), maxMs: 10_000 },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} ok, ${r.failed} failed; ${r.meanMs.toFixed(2)} ms each`,
    },
    {
      id: "calls",
      what: "call set-ups, raw client, persistent MTLS, 16 at once",
      task: { kind: "calls", concurrency: 16, max: Math.round(5000 * scale), maxMs: 10_000 },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} answered+BYE, ${r.failed} failed; ${r.meanMs.toFixed(2)} ms per call (INVITE/302/ACK ×2, INVITE/200/ACK, BYE/200)`,
    },
    {
      id: "probe-calls",
      what: "call set-ups, probeCall (sip.js, new TLS per hop), 4 at once",
      task: { kind: "probe-calls", concurrency: 4, max: Math.round(500 * scale), maxMs: 5000 },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} answered, ${r.failed} failed; ${r.meanMs.toFixed(1)} ms per call`,
    },
    {
      id: "probe-calls-kept",
      what: "call set-ups, probeCall on kept connections (a ConnectionPool, as a scenario run), 8 at once",
      task: { kind: "probe-calls", concurrency: 8, max: Math.round(2000 * scale), maxMs: 8000, kept: true },
      rate: (r) => `${fmt(perSecond(r.ok, r.elapsedMs))}/s`,
      detail: (r) => `${r.ok} answered, ${r.failed} failed; ${r.meanMs.toFixed(1)} ms per call`,
    },
  ];
  for (const { id, what, task, rate, detail } of tasks) {
    if (!wanted(id)) continue;
    const { value, loop, cpuMs } = await measured(() => runTask(worker, task));
    rows.push({ what, rate: rate(value), detail: detail(value), loop, cpu: cpuPer(cpuMs, value.ok + value.failed), clientCpu: cpuPer(value.clientCpuMs, value.ok + value.failed) });
  }
  if (wanted("kamailio")) comparison = await labVersusKamailio(worker, lab);
  if (wanted("sipp")) {
    await sippLoad(lab, Math.round(5000 * scale), 1000);
    await sippLoad(lab, Math.round(8000 * scale), 4000);
  }

  memories.push(memory("after the load"));
  gc();
  memories.push(memory("after the load (GC'd)"));
} finally {
  await worker.terminate();
  const problems = await lab.close();
  for (const problem of problems) process.stderr.write(`warning: closing the lab: ${problem.step}\n`);
}

const width = (values: string[]) => Math.max(...values.map((value) => value.length));
const w1 = width(rows.map((row) => row.what));
const w2 = width(rows.map((row) => row.rate));
console.log(`exum lab load — default lab (${lab.servers.size} servers, started in ${startMs.toFixed(0)} ms), node ${process.version}, ${quick ? "quick" : "full"} run`);
console.log(`${"workload".padEnd(w1)}  ${"rate".padStart(w2)}  lab loop  lab CPU/op  client CPU/op  detail`);
for (const row of rows) console.log(`${row.what.padEnd(w1)}  ${row.rate.padStart(w2)}  ${row.loop.padStart(8)}  ${row.cpu.padStart(10)}  ${row.clientCpu.padStart(13)}  ${row.detail}`);
console.log("");
console.log("memory (process; heap = the lab's thread)   rss        heapUsed   heapTotal  external");
for (const m of memories) console.log(`${m.label.padEnd(42)}  ${m.rss.padStart(9)}  ${m.heapUsed.padStart(9)}  ${m.heapTotal.padStart(9)}  ${m.external.padStart(9)}`);
if (comparison !== undefined) {
  console.log("");
  printComparison(comparison);
}
console.log(`calls the lab remembers: ${lab.calls.ended().length} ended (kept at most 1000), ${lab.calls.active().length} active; events: ${lab.events.entries().length}`);
