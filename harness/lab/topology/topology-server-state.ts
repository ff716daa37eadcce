/**
 * A lab server's state; scenarios change it while the lab runs.
 *
 * ```
 *              stop                    fault
 *   running ─────────▶ stopped   running ─────▶ faulty (the server's `fault` applies)
 *      ▲  ◀─────────  start          ▲  ◀─────  clear
 *      │   disable / enable          │
 *      └─────────▶ disabled ◀────────┘
 * ```
 * - `running`: answers as docs/protocol.md says.
 * - `stopped`: the service is not running: connections are refused (or black-holed, `behaviour.stoppedServer`),
 *   docs/protocol.md §7 "A stopped Call Router or UM service refuses connections (TCP RST) or times out".
 * - `disabled`: takes no new calls (Exchange 2010 `Disable-UMService`, docs/protocol.md §7; seed example 2);
 *   the wire answer is `behaviour.disabledAnswer` (default 503).
 * - `faulty`: the server's `fault` (refuse, black-hole, TLS abort, slow, 503, drop mid-call, garbage) applies.
 */
export type ServerState = "running" | "stopped" | "disabled" | "faulty";

export const SERVER_STATES: readonly ServerState[] = ["running", "stopped", "disabled", "faulty"];
