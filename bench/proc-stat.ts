/**
 * CPU time from Linux's /proc (proc(5)): what a thread or a process group spent on the CPU, whatever else the machine
 * ran meanwhile. On a shared 2-core machine wall-clock rates swing with the neighbours' load; CPU time per request
 * does not, so bench/lab-load.ts prints both. NaN where /proc is not there.
 */
import { readFileSync } from "node:fs";

/** Clock ticks per second of utime/stime (sysconf(_SC_CLK_TCK), 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcStat {
  /** Field 5: the process group. */
  readonly pgrp: number;
  /** Fields 14 + 15: user + system CPU time, ms. */
  readonly cpuMs: number;
}

/** Parses a /proc/.../stat line; the command name (field 2) is in parentheses and may hold spaces. */
export function parseProcStat(stat: string): ProcStat {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields[0] is field 3 (state)
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { pgrp: Number(fields[2]), cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
}

/** The CPU time of this process's main thread (the lab's; the load worker is another thread), ms. */
export function mainThreadCpuMs(): number {
  try {
    return parseProcStat(readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8")).cpuMs;
  } catch {
    return NaN;
  }
}

/** The CPU time of the calling thread (a worker's own: the load client's, bench/lab-load-client.ts), ms. */
export function threadCpuMs(): number {
  try {
    return parseProcStat(readFileSync("/proc/thread-self/stat", "utf8")).cpuMs;
  } catch {
    return NaN;
  }
}
