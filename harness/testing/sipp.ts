import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { requirePeerBinary } from "./find-peer-binary.js";
import { freePortRange, freeTcpPort, freeUdpPort, LOOPBACK } from "./free-port.js";
import { runToCompletion, type RunResult } from "./run-to-completion.js";
import { writeSippScenario } from "./sipp-scenario.js";

export interface SippRunOptions {
  /** A temp folder: the scenario and SIPp's message and error logs go here. */
  readonly dir: string;
  /** The scenario XML (see `sippScenario`, `sippOptionsScenario`, `sippInviteScenario`). */
  readonly scenarioXml: string;
  /** The server's port on 127.0.0.1. */
  readonly port: number;
  /** `t1`: TCP, one socket; `u1`: UDP. Debian's SIPp has no TLS (`l1` is refused). @defaultValue "t1" */
  readonly transport?: "t1" | "u1";
  /** The request-URI user (`-s`, `[service]`). @defaultValue "service" */
  readonly service?: string;
  /** Calls to place (`-m`). @defaultValue 1 */
  readonly calls?: number;
  /** Calls per second (`-r`). @defaultValue 10 (SIPp's) */
  readonly rate?: number;
  /** Bound on the whole run; SIPp's own `-timeout` is one second less. @defaultValue 15000 */
  readonly timeoutMs?: number;
  /** More flags. */
  readonly extraArgs?: readonly string[];
}

/**
 * `code` is SIPp's exit code: 0 every call succeeded, 1 at least one failed, 97 stopped by command, 99 ended
 * without a call, 255 fatal error (see `sipp -h`).
 */
export interface SippResult extends RunResult {
  readonly scenarioPath: string;
  /** SIPp's `-trace_msg` log: every message sent and received. */
  readonly messages: string;
  /** SIPp's `-trace_err` log: unexpected messages and errors. */
  readonly errors: string;
}

/**
 * Runs SIPp as a UAC with `scenarioXml` against 127.0.0.1:`port` and waits for it to finish (bounded). Every
 * socket SIPp opens is on 127.0.0.1: signalling (`-i -p -bind_local`), media (`-mi -mp`, which also takes
 * `mp + 2`) and its UDP control socket (`-ci -cp`, else it binds 0.0.0.0:8888).
 */
export async function runSipp(options: SippRunOptions): Promise<SippResult> {
  const binary = requirePeerBinary("sipp");
  const timeoutMs = options.timeoutMs ?? 15_000;
  const scenarioPath = await writeSippScenario(options.dir, "scenario.xml", options.scenarioXml);
  const messagesPath = join(options.dir, "sipp-messages.log");
  const errorsPath = join(options.dir, "sipp-errors.log");
  const [localPort, mediaPort, controlPort] = await Promise.all([
    options.transport === "u1" ? freeUdpPort() : freeTcpPort(),
    freePortRange(3, { protocols: ["udp"] }),
    freeUdpPort(),
  ]);
  const args = [
    `${LOOPBACK}:${options.port}`,
    "-sf", scenarioPath,
    "-t", options.transport ?? "t1",
    "-s", options.service ?? "service",
    "-i", LOOPBACK, "-p", String(localPort), "-bind_local",
    "-mi", LOOPBACK, "-mp", String(mediaPort),
    "-ci", LOOPBACK, "-cp", String(controlPort),
    "-m", String(options.calls ?? 1),
    ...(options.rate === undefined ? [] : ["-r", String(options.rate)]),
    "-nostdin",
    "-timeout", `${Math.max(1, Math.floor(timeoutMs / 1000) - 1)}s`, "-timeout_error",
    "-trace_msg", "-message_file", messagesPath,
    "-trace_err", "-error_file", errorsPath,
    ...(options.extraArgs ?? []),
  ];
  const result = await runToCompletion({ name: "sipp", command: binary, args, cwd: options.dir, timeoutMs });
  return { ...result, scenarioPath, messages: await readOptional(messagesPath), errors: await readOptional(errorsPath) };
}

async function readOptional(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return "";
  }
}
