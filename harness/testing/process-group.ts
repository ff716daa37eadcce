/**
 * Process groups of the peers still running, killed with SIGKILL if the test process exits without stopping
 * them (a crash in a test, a missed teardown). Every peer runs in its own group (spawned `detached`), so its
 * group id is its PID and signalling `-pid` reaches its children too (Kamailio forks workers).
 */
const liveGroups = new Set<number>();
let exitHookInstalled = false;

export function trackProcessGroup(pid: number): void {
  liveGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const group of liveGroups) signalProcessGroup(group, "SIGKILL");
  });
}

export function untrackProcessGroup(pid: number): void {
  liveGroups.delete(pid);
}

/** Sends `signal` to the process group `pid`; false when no such group exists any more. */
export function signalProcessGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}
