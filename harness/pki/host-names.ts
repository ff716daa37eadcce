/**
 * Host-name checks for certificate names. Wildcards follow RFC 6125 §6.4.3 as TLS stacks apply them: `*` is the
 * whole left-most label and stands for exactly one label (`*.contoso.com` covers `pool01.contoso.com`, not
 * `mbx01.tukwila.contoso.com` nor `contoso.com`).
 */

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

export function isWildcard(name: string): boolean {
  return name.includes("*");
}

/**
 * A fully qualified domain name: at least two dot-separated labels of letters, digits and hyphens, no wildcard.
 * (Exchange event 1684: "certificate Subject Name is not a valid FQDN", docs/protocol.md §4.)
 */
export function isValidFqdn(name: string): boolean {
  const trimmed = name.endsWith(".") ? name.slice(0, -1) : name;
  if (trimmed.length === 0 || trimmed.length > 253) return false;
  const labels = trimmed.split(".");
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && !/^\d+$/.test(labels.at(-1) ?? "");
}

/** Whether certificate name `pattern` (possibly `*.domain`) covers host `fqdn`. Case-insensitive. */
export function nameCovers(pattern: string, fqdn: string): boolean {
  const name = pattern.toLowerCase().replace(/\.$/, "");
  const host = fqdn.toLowerCase().replace(/\.$/, "");
  if (!name.startsWith("*.")) return name === host;
  const suffix = name.slice(1); // ".contoso.com"
  if (suffix.includes("*") || suffix.split(".").length < 3) return false; // no "*.com"
  if (!host.endsWith(suffix)) return false;
  const first = host.slice(0, host.length - suffix.length);
  return first.length > 0 && !first.includes(".");
}

/** The first of `names` that covers `fqdn`, if any. */
export function coveringName(names: readonly string[], fqdn: string): string | undefined {
  return names.find((name) => nameCovers(name, fqdn));
}

/** Whether `text` is an IPv4 or IPv6 literal (no SNI, no name check). */
export function isIpAddress(text: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || text.includes(":");
}
