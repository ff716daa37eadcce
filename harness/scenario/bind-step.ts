import { effectiveSrtpMode } from "../lab/index.js";
import type { Topology } from "../lab/index.js";
import type { InputPath } from "../input/input-issue.js";
import { bindLabChanges } from "./bind-lab-changes.js";
import { dtmfDurationMs } from "../media/dtmf/dtmf-schedule.js";
import { BindProblem, withPath as at } from "./bind-problem.js";
import { parseCallDestination } from "./call-destination.js";
import type { FailoverCallSpec } from "./call-spec.js";
import type { LoadedSite } from "./loaded-site.js";
import { encryptionSetting, srtpModeSetting } from "./media-setting.js";
import type { Persona } from "../model/persona.js";
import type { CallPlan, Endpoint, ExpectedRefs, MediaSetting, PlannedStep } from "./plan.js";
import type { BoundDestination, RoleBinder } from "./role-binder.js";
import { stepKind, type Step } from "./step-kinds.js";
import { parseTargetRef } from "./target-ref.js";

/** The probe timeout when neither the step nor the site gives one (harness/sip ProbeOptions). */
export const DEFAULT_STEP_TIMEOUT_MS = 8_000;

const LAB_ONLY_HINT = "mark the scenario site: { labOnly: true } (it is then skipped against sites), or remove the step";

/** What binding one step needs: the binder, the lab topology (null on a site), the scenario's persona, the site. */
export interface StepContext {
  readonly binder: RoleBinder;
  readonly topology: Topology | null;
  readonly scenarioPersona: Persona;
  readonly site: LoadedSite | null;
}

/** The transport a step asks for, checked against the persona (docs/design.md §4: only a gateway talks plain TCP). */
function transportFor(persona: Persona, transport: "tls" | "tcp" | undefined, path: InputPath): "tls" | "tcp" {
  if (transport === "tcp" && persona !== "gateway") {
    throw new BindProblem(`a ${persona} talks mutual TLS only; plain TCP is a gateway's`, "use as: gateway for a TCP step, or remove transport: tcp", path);
  }
  return transport ?? "tls";
}

function refsOf(binder: RoleBinder, expect: { redirects?: string[]; servedBy?: string; tried?: string[] } | undefined): ExpectedRefs {
  const resolve = (text: string, path: InputPath) => at(path, () => binder.resolveRef(parseTargetRef(text)));
  return {
    redirects: expect?.redirects?.map((ref, i) => resolve(ref, ["expect", "redirects", i])) ?? null,
    servedBy: expect?.servedBy === undefined ? null : resolve(expect.servedBy, ["expect", "servedBy"]),
    tried: expect?.tried?.map((ref, i) => resolve(ref, ["expect", "tried", i])) ?? null,
  };
}

/**
 * What the offer is written for: the step's EncryptionLevel or SRTPMode, else the persona's. docs/protocol.md §2 "Trunk
 * SRTPMode": "Used only when the trunk is TLS; on a TCP trunk it is forced to NotSupported."
 */
function mediaFor(spec: FailoverCallSpec, persona: Persona, transport: "tls" | "tcp", binder: RoleBinder): MediaSetting {
  if (spec.encryption !== undefined) return encryptionSetting(spec.encryption);
  if (spec.srtpMode !== undefined) return srtpModeSetting(spec.srtpMode);
  const media = binder.media(persona);
  return media.setting === "SRTPMode" && transport === "tcp" ? srtpModeSetting(effectiveSrtpMode({ transport, srtpMode: media.value })) : media;
}

function callPlan(spec: FailoverCallSpec, bound: BoundDestination, persona: Persona, transport: "tls" | "tcp", context: StepContext, key: string): CallPlan {
  if (persona === "owa") throw new BindProblem("the OWA trusted application places no calls (it is IM only)", "use options or certs as owa, or call as pool", [key]);
  const media = mediaFor(spec, persona, transport, context.binder);
  const holdMs = spec.hold ?? 0;
  const maxHold = context.site?.site.safety.maxHold;
  if (maxHold !== undefined && holdMs > maxHold) {
    throw new BindProblem(`hold ${holdMs} ms is longer than the site allows (safety.maxHold ${maxHold} ms)`, "shorten hold, or raise safety.maxHold in the site file", [key, "hold"]);
  }
  const dtmf = spec.dtmf === undefined ? null : { digits: spec.dtmf.digits, atMs: spec.dtmf.at ?? 1000 };
  if (dtmf !== null && spec.offer === "fax") throw new BindProblem("dtmf needs an audio call; offer fax offers no audio", "drop dtmf, or offer audio", [key, "dtmf"]);
  if (dtmf !== null && holdMs < dtmf.atMs + dtmfDurationMs(dtmf.digits)) {
    const needed = Math.ceil((dtmf.atMs + dtmfDurationMs(dtmf.digits)) / 1000) + 1;
    throw new BindProblem(`hold ${holdMs} ms ends the call before the digits ${dtmf.digits} are sent`, `hold the call at least ${needed}s`, [key, "hold"]);
  }
  return { to: spec.to, destination: parseCallDestination(spec.to).kind, requestUri: bound.requestUri, headers: [...bound.headers, ...(spec.headers ?? [])], media, holdMs, dtmf, srtpMki: spec.srtpMki ?? true, offer: spec.offer ?? "audio" };
}

/**
 * One step with its concrete targets. Problems are {@link BindProblem}s at their path in the step (`call.via`); the
 * caller puts `steps[i]` in front.
 */
export function bindStep(step: Step, index: number, context: StepContext): PlannedStep {
  const { binder } = context;
  const kind = stepKind(step);
  const common = { index, path: `steps[${index}]`, kind };
  const persona: Persona = ("as" in step ? step.as : undefined) ?? context.scenarioPersona;
  const timeoutMs = ("timeout" in step ? step.timeout : undefined) ?? context.site?.site.timeout ?? DEFAULT_STEP_TIMEOUT_MS;

  if ("options" in step) {
    const spec = typeof step.options === "string" ? { to: step.options } : step.options;
    const transport = transportFor(persona, spec.transport, ["options", "transport"]);
    const ref = parseTargetRef(spec.to);
    const path = typeof step.options === "string" ? ["options"] : ["options", "to"];
    const endpoint = at(path, () => binder.endpoint(ref, persona, transport));
    const requestUri = ref.kind === "uri" ? ref.uri : `sip:${endpoint.fqdn}:${endpoint.port};transport=${endpoint.transport}`;
    return { ...common, kind: "options", name: step.name ?? `options ${spec.to}`, persona: binder.persona(persona), endpoint, requestUri, timeoutMs, ...("tlsVersions" in spec && spec.tlsVersions !== undefined ? { tlsVersions: spec.tlsVersions } : {}), expect: step.expect ?? null };
  }
  if ("call" in step) {
    const spec = step.call;
    const transport = transportFor(persona, spec.transport, ["call", "transport"]);
    const bound = at(["call", "to"], () => binder.destination(parseCallDestination(spec.to), persona, transport));
    const call = callPlan(spec, bound, persona, transport, context, "call");
    const via: Endpoint =
      spec.via === undefined ? at(["call", "to"], bound.defaultVia) : at(["call", "via"], () => binder.endpoint(parseTargetRef(spec.via ?? ""), persona, transport));
    const refs = refsOf(binder, step.expect);
    return { ...common, kind: "call", name: step.name ?? `call ${spec.to}`, persona: binder.persona(persona), via, call, timeoutMs, expect: step.expect ?? null, refs };
  }
  if ("certs" in step) {
    const spec = typeof step.certs === "string" ? { target: step.certs } : step.certs;
    const path = typeof step.certs === "string" ? ["certs"] : ["certs", "target"];
    const endpoint = at(path, () => binder.endpoint(parseTargetRef(spec.target), persona, "tls"));
    const peers = (spec.peers ?? []).map((peer, i) => at(["certs", "peers", i], () => binder.serverFqdn(peer)));
    return { ...common, kind: "certs", name: step.name ?? `certs ${spec.target}`, persona: binder.persona(persona), endpoint, fqdn: spec.fqdn ?? endpoint.fqdn, peers, timeoutMs, expect: step.expect ?? null };
  }
  if ("lab" in step) {
    if (context.topology === null) throw new BindProblem("this step changes the lab; a site cannot be changed", LAB_ONLY_HINT, ["lab"]);
    const topology = context.topology;
    const changes = at(["lab"], () => bindLabChanges(step.lab, topology, binder.serverFqdn));
    const what = [...new Set(changes.map((change) => change.kind.split("-")[0] ?? change.kind))];
    return { ...common, kind: "lab", name: step.name ?? `lab: ${what.join(", ")}`, changes };
  }
  if ("failover" in step) {
    const spec = step.failover;
    const transport = transportFor(persona, spec.call.transport, ["failover", "call", "transport"]);
    const servers = spec.servers.map((ref, i) => at(["failover", "servers", i], () => binder.endpoint(parseTargetRef(ref), persona, transport)));
    const bound = at(["failover", "call", "to"], () => binder.destination(parseCallDestination(spec.call.to), persona, transport));
    const call = callPlan(spec.call, bound, persona, transport, context, "failover");
    const tried = servers.slice(0, spec.maxServers ?? servers.length);
    return {
      ...common,
      kind: "failover",
      name: step.name ?? `failover ${spec.call.to} over ${spec.servers.join(", ")}`,
      persona: binder.persona(persona),
      servers: tried,
      call,
      attemptTimeoutMs: spec.attemptTimeout ?? timeoutMs,
      timeoutMs,
      expect: step.expect ?? null,
      refs: refsOf(binder, step.expect),
    };
  }
  return { ...common, kind: "wait", name: step.name ?? `wait ${step.wait} ms`, ms: step.wait };
}
