import { simGateway } from "./sim-gateway.js";
import { simMediation } from "./sim-mediation.js";
import { simOwa } from "./sim-owa.js";
import { simPool } from "./sim-pool.js";
import type { SimRoleRegistry } from "./sim-server.js";

/**
 * The Lync / Skype for Business side of the lab (docs/protocol.md §1): the Front End pool (ExumRouting, 5061 MTLS,
 * sim-pool.ts), the Mediation Server (5070 MTLS, 5067 TLS, 5068 TCP, sim-mediation.ts), the OWA IM trusted
 * application (sim-owa.ts), and the gateway / IP-PBX / SBC at the far end of the Mediation Server's trunk
 * (sim-gateway.ts).
 */
export const lyncRoles: SimRoleRegistry = {
  pool: simPool,
  mediation: simMediation,
  owa: simOwa,
  gateway: simGateway,
};
