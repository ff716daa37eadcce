import type { ServerRole } from "../model/server-role.js";
import type { TargetRole } from "../model/target-role.js";


/** The lab server roles that can play each target role, the usual one first. */
export const SERVER_ROLES_OF: Readonly<Record<TargetRole, readonly ServerRole[]>> = {
  callRouter: ["callRouter"],
  umService: ["mailbox"],
  worker: ["mailbox", "exchange2010"],
  exchange2010: ["exchange2010"],
  pool: ["pool"],
  mediation: ["mediation"],
  gateway: ["gateway"],
  owa: ["owa"],
};

/** The role a server is addressed in when a scenario names the server alone (`mbx03` → its UM service). */
export function naturalTargetRole(role: ServerRole): TargetRole {
  return role === "mailbox" ? "umService" : role;
}
