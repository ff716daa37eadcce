/**
 * The command line that runs `command args…` with a core file size limit of 0, so a crashing peer never drops a
 * core file (docs/peers.md: Kamailio 5.6.3 crashes under many new TLS connections). `exec` keeps the PID: the PID we
 * spawn is the peer's own.
 */
export function withoutCoreDumps(command: string, args: readonly string[]): { command: string; args: string[] } {
  return { command: "bash", args: ["-c", 'ulimit -c 0 && exec "$0" "$@"', command, ...args] };
}
