import { isIPv4 } from "node:net";
import { roleListeners } from "../lab/index.js";
import { sameName } from "../lab/index.js";
import type { Topology } from "../lab/index.js";
import { BindProblem, withPath as at } from "./bind-problem.js";
import type { LabChangeSpec } from "./lab-change.js";
import type { PlannedLabChange } from "./plan.js";

function list<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/**
 * A `lab:` step as the changes the running lab applies, in order: dns, server, gateway, fault. Every name must be a
 * server or UM IP gateway of the topology; each problem is a {@link BindProblem} at its path in the step.
 */
export function bindLabChanges(spec: LabChangeSpec, topology: Topology, serverFqdn: (name: string) => string): PlannedLabChange[] {
  const changes: PlannedLabChange[] = [];
  for (const [name, value] of Object.entries(spec.dns ?? {})) {
    const fqdn = at(["dns", name], () => serverFqdn(name));
    if (value === null) changes.push({ kind: "dns-delete", fqdn });
    else if (isIPv4(value)) changes.push({ kind: "dns-set", fqdn, address: value });
    else changes.push({ kind: "dns-point", fqdn, target: at(["dns", name], () => serverFqdn(value)) });
  }
  const servers = list(spec.server);
  servers.forEach((change, index) => {
    const path = Array.isArray(spec.server) ? ["server", index] : ["server"];
    const fqdn = at([...path, "fqdn"], () => serverFqdn(change.fqdn));
    if (change.state === "faulty") {
      const kinds = "refuse | black-hole | tls-abort | slow | service-unavailable | drop-mid-call | garbage | media";
      throw new BindProblem("a server becomes faulty with a fault to apply", `write fault: { server: ${change.fqdn}, kind: ${kinds} }`, [...path, "state"]);
    }
    changes.push({ kind: "server-state", fqdn, state: change.state });
  });
  list(spec.gateway).forEach((change, index) => {
    const path = Array.isArray(spec.gateway) ? ["gateway", index] : ["gateway"];
    const address = change.address === undefined ? undefined : at([...path, "address"], () => serverFqdn(change.address ?? ""));
    const gateway = topology.umIpGateways.find((g) => (change.name !== undefined ? sameName(g.name, change.name) : g.address === address));
    if (gateway === undefined) {
      const names = topology.umIpGateways.map((g) => g.name).join(", ") || "(none)";
      const field = change.name !== undefined ? "name" : "address";
      throw new BindProblem(`the lab has no UM IP gateway ${change.name ?? address ?? ""}`, `use one of: ${names}`, [...path, field]);
    }
    changes.push({ kind: "gateway-status", name: gateway.name, status: change.status });
  });
  list(spec.fault).forEach((change, index) => {
    const path = Array.isArray(spec.fault) ? ["fault", index] : ["fault"];
    const fqdn = at([...path, "server"], () => serverFqdn(change.server));
    const server = topology.servers.find((s) => s.fqdn === fqdn);
    const { server: _name, ...fault } = change;
    const names = server === undefined ? [] : roleListeners(server.role, { workerPortLayout: topology.behaviour.worker.portLayout }).map((l) => l.name);
    fault.listeners?.forEach((listener, k) => {
      if (!names.includes(listener)) {
        throw new BindProblem(`a ${server?.role ?? "lab"} server has no listener "${listener}"`, `use one of: ${names.join(", ")}`, [...path, "listeners", k]);
      }
    });
    changes.push({ kind: "fault", fqdn, fault });
  });
  return changes;
}
