import type { Clock } from "../model/clock.js";
import type { ListenerName } from "../lab/index.js";
import type { Lab } from "../lab/index.js";
import { roleOfListener } from "./listener-for.js";
import { naturalTargetRole } from "./target-role.js";
import type { MeasuredCell } from "../model/matrix-model.js";
import type { StepTarget } from "../model/run-result.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import type { Hop } from "../model/probe-result.js";
import { probeCall } from "../sip/call-probe.js";
import type { ConnectionPool } from "../sip/connection-pool.js";
import { parseSipTarget, type SipTarget } from "../sip/sip-target.js";
import type { MatrixCall } from "./matrix-sweeps.js";

export interface MatrixCellProbe {
  readonly evidence: ProbeEvidence;
  readonly target: StepTarget;
  /** The cell as measured, before it is compared with the documented tables. */
  readonly measured: Omit<MeasuredCell, "row" | "column" | "step" | "differences">;
}

/** The port a listener has in this lab; a closed one (UMStartupMode) may be unbound: its planned port then. */
function listenerPort(lab: Lab, server: string, listener: ListenerName): number {
  try {
    return lab.port(server, listener);
  } catch {
    const planned = lab.plan.servers.find((entry) => entry.fqdn === lab.server(server).fqdn)?.listeners.find((entry) => entry.name === listener);
    return planned?.realPort ?? (listener.endsWith("tcp") ? 5060 : 5061);
  }
}

/** Each hop with the lab server and role at its address and port (Hop `server`, `role`). */
function annotate(lab: Lab, hops: readonly Hop[]): Hop[] {
  return hops.map((hop) => {
    // Servers that share an address (::1, or 127.0.0.1 off Linux) are told apart by the port.
    const atAddress = lab.plan.servers.filter((entry) => entry.address === hop.address);
    const planned = atAddress.find((entry) => lab.server(entry.fqdn).listeners().some((listener) => listener.port === hop.port)) ?? atAddress[0];
    if (planned === undefined) return hop;
    const listener = lab.server(planned.fqdn).listeners().find((entry) => entry.port === hop.port) ?? planned.listeners.find((entry) => entry.port === hop.port);
    return { ...hop, server: planned.fqdn, role: listener === undefined ? naturalTargetRole(planned.role) : roleOfListener(planned.role, listener.name) };
  });
}

/**
 * One cell of `exum matrix`: one INVITE as the cell's persona (its lab certificate, From its FQDN) to the Call
 * Router's listener, following the redirect chain, ACK and BYE (harness/sip probeCall), measured as outcome, failure
 * code and negotiated mode.
 */
export async function probeMatrixCell(
  lab: Lab,
  call: MatrixCall,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal; readonly clock?: Clock; readonly connections?: ConnectionPool },
): Promise<MatrixCellProbe> {
  const fqdn = lab.server(call.server).fqdn;
  const port = listenerPort(lab, fqdn, call.listener);
  const target: SipTarget = { ...parseSipTarget(call.requestUri), host: fqdn, port, transport: call.transport };
  const identity = call.transport === "tls" ? await lab.identity(call.persona) : undefined;
  const result = await probeCall(target, {
    ...(identity === undefined ? {} : { identity }),
    caPem: lab.caPem(),
    resolver: lab.resolver(),
    fromDomain: call.fromDomain,
    timeoutMs: options.timeoutMs,
    policy: call.policy,
    extraHeaders: [...call.headers],
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  const { media: _media, endedBy: _endedBy, endReason: _endReason, ...probe } = result;
  const evidence: ProbeEvidence = { ...probe, hops: annotate(lab, probe.hops) };
  const negotiated = result.outcome === "answered" && result.negotiated !== null ? result.negotiated : null;
  return {
    evidence,
    target: { ref: call.ref, role: "callRouter", fqdn, port, transport: call.transport, requestUri: call.requestUri },
    measured: {
      outcome: result.outcome === "answered" ? "works" : "fails",
      status: result.status,
      failure: result.outcome === "answered" ? null : (result.failure?.code ?? "rejected"),
      negotiated: negotiated === null ? null : { signaling: negotiated.signaling, media: negotiated.media, suite: negotiated.suite, mode: negotiated.mode },
    },
  };
}
