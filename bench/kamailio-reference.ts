/**
 * Kamailio as the reference of bench/lab-load.ts (docs/design.md §10: "The lab: at least half of Kamailio's OPTIONS rate
 * under the same load generator over one MTLS connection"): started exactly as the interop tests start it
 * (harness/testing/kamailio.ts, docs/peers.md "Kamailio as a strict MTLS Call Router": strict mutual TLS, a stateless
 * 200 to OPTIONS), on 127.0.0.1 only, presenting the lab Call Router's certificate and trusting the lab root, so the
 * load worker reaches it with the same identity, trust and SNI as the lab.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findPeerBinary } from "../harness/testing/find-peer-binary.js";
import { freeTcpPort } from "../harness/testing/free-port.js";
import { startKamailio, type KamailioPeer } from "../harness/testing/kamailio.js";
import { parseProcStat } from "./proc-stat.js";

export interface KamailioReference {
  readonly peer: KamailioPeer;
  /** RSS, PSS and CPU time of Kamailio's whole process group (its main process and the workers it forks). */
  memory(): Promise<GroupMemory>;
  stop(): Promise<void>;
}

export interface GroupMemory {
  readonly processes: number;
  /** Sum of VmRSS: counts the shared memory segment (`-m 64`) once per process that touched it. */
  readonly rssBytes: number;
  /** Sum of Pss (smaps_rollup): shared pages divided among the processes that map them. */
  readonly pssBytes: number;
  /** User + system CPU time the group's processes have used so far, ms. */
  readonly cpuMs: number;
}

/** Why Kamailio cannot be the reference here, or null when it can. */
export function kamailioMissing(): string | null {
  return findPeerBinary("kamailio") === undefined ? "kamailio is not installed (apt-get install kamailio kamailio-tls-modules)" : null;
}

export async function startKamailioReference(identity: { certPem: string; keyPem: string }, caPem: string): Promise<KamailioReference> {
  const dir = await mkdtemp(join(tmpdir(), "exum-bench-kamailio-"));
  try {
    const peer = await startKamailio({
      dir,
      tlsPort: await freeTcpPort(),
      certPem: identity.certPem,
      keyPem: identity.keyPem,
      caPem,
      requireClientCert: true,
      verifyClientCert: true,
    });
    return {
      peer,
      memory: () => groupMemory(peer.process.pid),
      async stop() {
        await peer.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function kilobytes(text: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return match === null ? 0 : Number(match[1]) * 1024;
}

async function groupMemory(group: number): Promise<GroupMemory> {
  let processes = 0;
  let rssBytes = 0;
  let pssBytes = 0;
  let cpuMs = 0;
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = parseProcStat(await readFile(`/proc/${entry}/stat`, "utf8"));
      if (stat.pgrp !== group) continue;
      const [status, rollup] = await Promise.all([readFile(`/proc/${entry}/status`, "utf8"), readFile(`/proc/${entry}/smaps_rollup`, "utf8").catch(() => "")]);
      processes += 1;
      rssBytes += kilobytes(status, "VmRSS");
      pssBytes += kilobytes(rollup, "Pss");
      cpuMs += stat.cpuMs;
    } catch {
      // the process ended while we read
    }
  }
  return { processes, rssBytes, pssBytes, cpuMs };
}
