import { z } from "zod";

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const FQDN = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})+$`);

/** A fully qualified domain name: two labels or more, compared and stored in lower case. */
export const fqdnSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(FQDN, { message: "expected a fully qualified domain name such as mbx01.contoso.com (letters, digits, hyphens, dots)" });

/** The first DNS label: `dp1` of `dp1.contoso.com` (ExchUcUtil.ps1's hunt-group pilot, docs/protocol.md §5). */
export function firstLabel(name: string): string {
  return name.split(".")[0] ?? name;
}

/** DNS names and Exchange object names compare without regard to case. */
export function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
