/**
 * Exchange `UMStartupMode`. docs/protocol.md §1 "UMStartupMode [DOC]": "`TCP` (default) opens only the TCP listener;
 * `TLS` only the TLS listener; `Dual` both (recommended)."
 */
export type UmStartupMode = "TCP" | "TLS" | "Dual";

/** Every {@link UmStartupMode}, Exchange's default first. */
export const UM_STARTUP_MODES: readonly UmStartupMode[] = ["TCP", "TLS", "Dual"];
