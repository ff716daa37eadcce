import type { ServerRole } from "../../model/server-role.js";

/** Roles that run Exchange UM and can be members of a UM dial plan. */
export const EXCHANGE_ROLES: readonly ServerRole[] = ["callRouter", "mailbox", "exchange2010"];

/** Roles that can host a UM-enabled mailbox (the Call Router's 302 target, docs/protocol.md §1 step 2). */
export const MAILBOX_ROLES: readonly ServerRole[] = ["mailbox", "exchange2010"];
