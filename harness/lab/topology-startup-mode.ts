/**
 * Exchange `UMStartupMode`. PROTOCOL.md §1 "UMStartupMode [DOC]": "`TCP` (default) opens only the TCP listener;
 * `TLS` only the TLS listener; `Dual` both (recommended). A secured dial plan on a server in TCP mode therefore
 * finds no listener on 5061: connection refused."
 */
export type UmStartupMode = "TCP" | "TLS" | "Dual";

/** Every {@link UmStartupMode}, Exchange's default first. */
export const UM_STARTUP_MODES: readonly UmStartupMode[] = ["TCP", "TLS", "Dual"];

/** Whether a listener of this transport is open in this startup mode. */
export function startupModeOpens(mode: UmStartupMode, transport: "tcp" | "tls"): boolean {
  return mode === "Dual" || (transport === "tcp" ? mode === "TCP" : mode === "TLS");
}
