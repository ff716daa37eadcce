import { policyForEncryptionLevel } from "../../sdp/encryption-level.js";
import { type EncryptionLevel } from "../../model/encryption-level.js";
import type { MediaPolicy } from "../../sdp/media-policy.js";
import { policyForSrtpMode } from "../../sdp/srtp-mode.js";
import { type SrtpMode } from "../../model/srtp-mode.js";
import type { ListenerName } from "../topology/address-plan-listeners.js";
import { effectiveSrtpMode, type ServerOf } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";

/** Which side of the Mediation Server a listener faces, and the media policy it applies there. */
export type MediationLeg =
  | { readonly side: "pool"; readonly pool: string | null; readonly encryptionLevel: EncryptionLevel; readonly policy: MediaPolicy }
  | { readonly side: "gateway"; readonly transport: "tls" | "tcp"; readonly srtpMode: SrtpMode; readonly policy: MediaPolicy };

/** The listeners of a Mediation Server (harness/lab/topology/address-plan-listeners.ts). */
export type MediationListener = Extract<ListenerName, "pool-mtls" | "gateway-tls" | "gateway-tcp">;

/** The Front End pool a Mediation Server belongs to: its `pool`, else the topology's first pool. */
export function mediationPool(topology: Topology, server: ServerOf<"mediation">): ServerOf<"pool"> | null {
  const pools = topology.servers.filter((s): s is ServerOf<"pool"> => s.role === "pool");
  return pools.find((pool) => pool.fqdn === server.pool) ?? pools[0] ?? null;
}

/**
 * The media policy of the leg a request arrived on.
 * - Gateway side (5067 TLS, 5068 TCP): the trunk SRTPMode. docs/protocol.md §2 "Trunk SRTPMode": "`Required`
 *   (default), `Optional`, `NotSupported`. Used only when the trunk is TLS; on a TCP trunk it is forced to
 *   `NotSupported`." — so 5068 is always NotSupported, and 5067 has the trunk's (already forced when the
 *   trunk is declared TCP, `resolveTopology`).
 * - Pool side (5070 MTLS): [INF] the pool's `EncryptionLevel` (docs/protocol.md §2: "With media bypass it must be
 *   compatible with `EncryptionLevel`"); the Front End ↔ Mediation leg is Lync-internal and follows the pool.
 */
export function mediationLeg(topology: Topology, server: ServerOf<"mediation">, listener: MediationListener): MediationLeg {
  if (listener === "pool-mtls") {
    const pool = mediationPool(topology, server);
    const encryptionLevel = pool?.encryptionLevel ?? "RequireEncryption";
    return { side: "pool", pool: pool?.fqdn ?? null, encryptionLevel, policy: policyForEncryptionLevel(encryptionLevel) };
  }
  const transport = listener === "gateway-tcp" ? "tcp" : "tls";
  const srtpMode = effectiveSrtpMode({ transport, srtpMode: server.trunk.srtpMode });
  return { side: "gateway", transport, srtpMode, policy: policyForSrtpMode(srtpMode) };
}
