import { callRouterHandler } from "./sim-call-router.js";
import { exchange2010Handler } from "./sim-exchange2010.js";
import { mailboxHandler } from "./sim-mailbox.js";
import { lyncRoles } from "./sim-roles-lync.js";
import { placeholderHandler } from "./sim-placeholder.js";
import type { SimHandlerFactory, SimRoleRegistry } from "./sim-server.js";
import type { ServerRole } from "../../model/server-role.js";

/** The Exchange UM roles (docs/protocol.md §1). */
export const exchangeRoles: SimRoleRegistry = {
  callRouter: callRouterHandler,
  mailbox: mailboxHandler,
  exchange2010: exchange2010Handler,
};

/** Every role's built-in simulator: Exchange UM (here) and Lync / Skype for Business with the gateway (sim-roles-lync.ts). */
export const builtInRoles: SimRoleRegistry = { ...exchangeRoles, ...lyncRoles };

/** The factory of a role: from `overrides` first, then the built-in registry, else the 501 placeholder. */
export function roleFactory(role: ServerRole, overrides: SimRoleRegistry = {}): SimHandlerFactory {
  return overrides[role] ?? builtInRoles[role] ?? placeholderHandler;
}
