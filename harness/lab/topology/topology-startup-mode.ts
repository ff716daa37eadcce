import type { UmStartupMode } from "../../model/um-startup-mode.js";

/** Whether a listener of this transport is open in this startup mode. */
export function startupModeOpens(mode: UmStartupMode, transport: "tcp" | "tls"): boolean {
  return mode === "Dual" || (transport === "tcp" ? mode === "TCP" : mode === "TLS");
}
