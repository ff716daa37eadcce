/**
 * Trunk `SRTPMode` (Mediation Server ↔ gateway/IP-PBX/SBC).
 *
 * docs/protocol.md §2 "Trunk SRTPMode": "`Required` (default), `Optional`, `NotSupported`. Used only when the trunk is
 * TLS; on a TCP trunk it is forced to `NotSupported`."
 */
export type SrtpMode = "Required" | "Optional" | "NotSupported";

/** Every {@link SrtpMode}, the default first. */
export const SRTP_MODES: readonly SrtpMode[] = ["Required", "Optional", "NotSupported"];
