import { z } from "zod";
import { TARGET_ROLES, isTargetRole, type TargetRole } from "../model/target-role.js";

/**
 * How a scenario names what it talks to (docs/design.md §6: "A scenario names roles, never addresses"):
 * - a role: `callRouter` (the first server of that role);
 * - a role at a server: `umService:mbx03`, `worker:um2010.contoso.com`;
 * - a server alone, by FQDN or short name: `mbx03.dublin.contoso.com`, `mbx03` (in its usual role);
 * - a SIP URI, `sip:…` or `sips:…` (targets only, not expectations).
 */
export type TargetRef =
  | { readonly kind: "role"; readonly role: TargetRole; readonly server: string | null; readonly text: string }
  | { readonly kind: "server"; readonly server: string; readonly text: string }
  | { readonly kind: "uri"; readonly uri: string; readonly text: string };

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const SERVER = `${LABEL}(?:\\.${LABEL})*`;
const ROLE_PREFIX = `(?:(?:${TARGET_ROLES.join("|")}):)?`;
const IP_LITERAL = /^(?:\d{1,3}\.){3}\d{1,3}$|^\[?[0-9a-f:]+:[0-9a-f:]*\]?$/i;

/** A server's FQDN or short name (`mbx03.dublin.contoso.com`, `mbx03`). */
export const SERVER_NAME_PATTERN = new RegExp(`^${SERVER}$`);

/** A role, a role at a server, or a server (expectations: `redirects`, `servedBy`, `tried`). */
export const ROLE_REF_PATTERN = new RegExp(`^${ROLE_PREFIX}${SERVER}$`);
/** {@link ROLE_REF_PATTERN} or a SIP URI (step targets). */
export const TARGET_REF_PATTERN = new RegExp(`^(?:sips?:\\S+|${ROLE_PREFIX}${SERVER})$`);

const ROLE_HINT = `a role (${TARGET_ROLES.join(", ")}), a role at a server (umService:mbx03) or a server's FQDN or short name`;

function notAnAddress(text: string): boolean {
  const server = text.includes(":") && !/^sips?:/i.test(text) ? text.slice(text.indexOf(":") + 1) : text;
  return !IP_LITERAL.test(server);
}

/** A name matching {@link ROLE_REF_PATTERN}: a role, `role:server` or a server. */
export const roleRefSchema = z
  .string()
  .trim()
  .regex(ROLE_REF_PATTERN, { message: `expected ${ROLE_HINT}` })
  .refine(notAnAddress, { message: "scenarios name roles and servers, never addresses", params: { hint: `write ${ROLE_HINT}` } })
  .describe(`A role (${TARGET_ROLES.join(", ")}), role:server (umService:mbx03) or a server's FQDN or short name`)
  .meta({ id: "roleRef" });

/** What a step talks to: {@link roleRefSchema} or a SIP URI. */
export const targetRefSchema = z
  .string()
  .trim()
  .regex(TARGET_REF_PATTERN, { message: `expected ${ROLE_HINT}, or a sip:/sips: URI` })
  .refine(notAnAddress, { message: "scenarios name roles and servers, never addresses", params: { hint: `write ${ROLE_HINT}` } })
  .describe(`A role (${TARGET_ROLES.join(", ")}), role:server (umService:mbx03), a server's FQDN or short name, or a sip:/sips: URI`)
  .meta({ id: "targetRef" });

/** Reads a target or role reference already validated by {@link targetRefSchema} or {@link roleRefSchema}. */
export function parseTargetRef(text: string): TargetRef {
  const trimmed = text.trim();
  if (/^sips?:/i.test(trimmed)) return { kind: "uri", uri: trimmed, text: trimmed };
  const colon = trimmed.indexOf(":");
  if (colon !== -1) {
    const role = trimmed.slice(0, colon);
    if (isTargetRole(role)) return { kind: "role", role, server: trimmed.slice(colon + 1).toLowerCase(), text: trimmed };
  }
  if (isTargetRole(trimmed)) return { kind: "role", role: trimmed, server: null, text: trimmed };
  return { kind: "server", server: trimmed.toLowerCase(), text: trimmed };
}
