import type { PacketCapture } from "../model/packet-capture.js";
import type { Clock } from "../model/clock.js";
import type { ExpectationResult, StepTarget } from "../model/run-result.js";
import type { StepEvidence } from "../model/step-evidence.js";
import type { ConnectionPool } from "../sip/connection-pool.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import type { Endpoint, PlannedPersona } from "./plan.js";
import type { StepEnvironment } from "./step-environment.js";

/** What a step kind is given: where it runs, and the signal that stops it (Ctrl-C, the scenario's deadline). */
export interface StepRun {
  readonly env: StepEnvironment;
  readonly signal: AbortSignal;
  /** Where the step (and its probes) read time. */
  readonly clock: Clock;
  /** The scenario's capture, when one is recorded. */
  readonly capture?: PacketCapture;
  /**
   * The scenario's open connections: options and call steps send on one kept from an earlier step to the same next
   * hop and identity, as Lync keeps its MTLS connections up (docs/design.md §10 "Connection reuse"); failover and
   * certs steps, and steps bounding the connect or handshake time, always dial anew.
   */
  readonly connections?: ConnectionPool;
}

/** Whether a step's expectations read a new connection's timings (then it must not be given a kept one). */
export function needsNewConnection(expect: { readonly maxMs?: { readonly connect?: number; readonly handshake?: number } | undefined } | null): boolean {
  return expect?.maxMs?.connect !== undefined || expect?.maxMs?.handshake !== undefined;
}

/** What a step kind hands back: what it saw, the expectations computed from it, and where it went. */
export interface StepDone {
  readonly evidence: StepEvidence;
  readonly expectations: readonly ExpectationResult[];
  readonly target: StepTarget | null;
  readonly persona: string | null;
}

/** The probe options of a step: the persona's identity and name, the environment's trust and names, the bound. */
export async function probeOptionsFor(run: StepRun, persona: PlannedPersona, timeoutMs: number, path: string): Promise<ProbeOptions> {
  const identity = await run.env.identity(persona);
  const fromDomain = run.env.fromDomain(persona);
  return {
    ...(identity === undefined ? {} : { identity }),
    ...(fromDomain === undefined ? {} : { fromDomain }),
    caPem: [...run.env.caPem],
    resolver: run.env.resolver,
    timeoutMs,
    ...(run.env.keylog === undefined ? {} : { keylog: run.env.keylog }),
    ...(run.capture === undefined ? {} : { capture: run.capture }),
    logger: run.env.logger.child({ step: path, as: persona.persona }),
    signal: run.signal,
    clock: run.clock,
  };
}

/** Where a step went, for reports. */
export function stepTarget(endpoint: Endpoint, port: number, requestUri: string | null, ref = endpoint.ref): StepTarget {
  return { ref, role: endpoint.role, fqdn: endpoint.fqdn, port, transport: endpoint.transport, requestUri };
}
