import { relative } from "node:path";
import type { Persona } from "../model/persona.js";
import type { Lab } from "./lab.js";
import type { LabPkiFiles } from "./lab-pki.js";
import { firstLabel, sameName } from "./topology/topology-fqdn.js";

/** One server as `exum lab` prints it. */
export interface LabServerSummary {
  readonly fqdn: string;
  readonly role: string;
  readonly address: string;
  /** Listener name → bound port (only the listeners that accept connections). */
  readonly ports: Readonly<Record<string, number>>;
  /** Every listener, open or not, with its transport and the real product's port. */
  readonly listeners: readonly { name: string; transport: "tcp" | "tls"; port: number; realPort: number; open: boolean }[];
  readonly certificate: string;
  readonly state: string;
}

/** What `exum lab --json` prints (one line), and what the text output is made from. */
export interface LabSummary {
  readonly name: string | null;
  readonly block: string | null;
  readonly ports: "real" | "ephemeral";
  readonly servers: readonly LabServerSummary[];
  readonly dialPlans: readonly { name: string; voipSecurity: string; pilot: string; phoneContext: string; servers: readonly string[] }[];
  readonly users: readonly { sipAddress: string; dialPlan: string; extension: string; mailboxServer: string; umEnabled: boolean }[];
  readonly dns: { readonly address: string; readonly port: number } | null;
  readonly pki: {
    readonly dir: string;
    readonly rootCa: string;
    readonly personas: Readonly<Partial<Record<Persona, LabPkiFiles>>>;
  };
  /** `--resolve <fqdn>:*:<address>` entries for `exum options` / `exum call` (curl's form). */
  readonly resolve: readonly string[];
}

/** The lab's endpoints and settings, JSON-serialisable (paths absolute). */
export function labSummary(lab: Lab): LabSummary {
  const topology = lab.topology;
  const pilotOf = (plan: string, phoneContext: string) =>
    topology.umIpGateways.flatMap((gateway) => gateway.huntGroups).find((group) => sameName(group.dialPlan, plan))?.pilot ?? firstLabel(phoneContext);
  const servers = [...lab.servers.values()].map((server): LabServerSummary => {
    const listeners = server.listeners().map((l) => ({ name: l.name, transport: l.transport, port: l.port, realPort: l.realPort, open: l.open }));
    return {
      fqdn: server.fqdn,
      role: server.role,
      address: server.address,
      ports: Object.fromEntries(listeners.filter((l) => l.open).map((l) => [l.name, l.port])),
      listeners,
      certificate: server.certificate,
      state: server.state,
    };
  });
  return {
    name: topology.name ?? null,
    block: lab.plan.block,
    ports: lab.plan.ports,
    servers,
    dialPlans: topology.dialPlans.map((plan) => ({ name: plan.name, voipSecurity: plan.voipSecurity, pilot: pilotOf(plan.name, plan.phoneContext), phoneContext: plan.phoneContext, servers: plan.servers })),
    users: topology.users.map((user) => ({ sipAddress: user.sipAddress, dialPlan: user.dialPlan, extension: user.extension, mailboxServer: user.mailboxServer, umEnabled: user.umEnabled })),
    dns: lab.dns === null ? null : { address: lab.dns.address, port: lab.dns.port },
    pki: { dir: lab.pki.dir, rootCa: lab.pki.rootCa, personas: lab.pki.personas },
    // curl writes an IPv6 address of --resolve in brackets.
    resolve: lab.names.entries().map(([fqdn, address]) => `${fqdn}:*:${address.includes(":") ? `[${address}]` : address}`),
  };
}

/** A path as the user would type it from `cwd` (relative when inside it). */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") ? rel : path;
}

/** The text `exum lab` prints once the lab is up: endpoints, dial plans, users, DNS, PKI and `--resolve` lines. */
export function formatLabSummary(summary: LabSummary, cwd: string): string {
  const lines: string[] = [];
  const where = summary.block ?? summary.servers[0]?.address ?? "127.0.0.1";
  lines.push(`exum lab${summary.name === null ? "" : ` "${summary.name}"`}: ${summary.servers.length} servers on ${where}, ${summary.ports} ports`);
  lines.push("");
  const rows = summary.servers.map((server) => [
    server.fqdn,
    server.role,
    server.address,
    server.listeners.map((l) => `${l.transport}/${l.port}${l.open ? "" : " (closed)"}`).join(" "),
    server.certificate,
  ]);
  const header = ["FQDN", "ROLE", "ADDRESS", "PORTS", "CERTIFICATE"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  for (const row of [header, ...rows]) lines.push(`  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ").trimEnd()}`);
  lines.push("");
  lines.push("Dial plans:");
  for (const plan of summary.dialPlans) lines.push(`  ${plan.name}: ${plan.voipSecurity}, pilot ${plan.pilot}, PhoneContext ${plan.phoneContext}`);
  lines.push("Users:");
  for (const user of summary.users) lines.push(`  sip:${user.sipAddress} (${user.dialPlan}, extension ${user.extension}, on ${user.mailboxServer}${user.umEnabled ? "" : ", not UM-enabled"})`);
  lines.push(summary.dns === null ? "Lab DNS: off" : `Lab DNS: ${summary.dns.address} port ${summary.dns.port} (UDP and TCP; e.g. dig @${summary.dns.address} -p ${summary.dns.port} ${summary.servers[0]?.fqdn ?? "name"})`);
  lines.push(`PKI: ${shown(summary.pki.dir, cwd)} (root CA ${shown(summary.pki.rootCa, cwd)})`);
  for (const [persona, files] of Object.entries(summary.pki.personas)) lines.push(`  --as ${persona}: --cert ${shown(files.chain, cwd)} --key ${shown(files.key, cwd)}`);
  lines.push("");
  lines.push("Point other tools at it (curl-style --resolve, for exum options / exum call):");
  lines.push(`  ${summary.resolve.map((entry) => `--resolve ${entry}`).join(" \\\n  ")}`);
  const router = summary.servers.find((server) => server.role === "callRouter");
  const pool = summary.pki.personas.pool;
  if (router !== undefined && pool !== undefined) {
    const port = router.ports["sip-tls"] ?? router.ports["sip-tcp"];
    const address = summary.resolve.find((entry) => entry.startsWith(`${router.fqdn}:`));
    lines.push("For example:");
    lines.push(
      `  exum options ${router.fqdn}${port === undefined ? "" : `:${port}`} --cert ${shown(pool.chain, cwd)} --key ${shown(pool.key, cwd)} --ca ${shown(summary.pki.rootCa, cwd)}${address === undefined ? "" : ` --resolve ${address}`}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
