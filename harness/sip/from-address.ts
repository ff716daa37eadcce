import type { URI } from "sip.js";
import { UserAgent } from "./sipjs.js";
import type { ProbeOptions } from "./probe-options.js";

/** Who we claim to be in From (and our agent's AOR). */
export interface FromAddress {
  readonly user: string;
  readonly domain: string;
  readonly uri: URI;
  readonly text: string;
}

const fallback = { user: "exum", domain: "exum.invalid" };

/**
 * Our From address from the probe options. A domain that is no valid SIP host (a wildcard certificate name
 * such as `*.contoso.com`, an empty string) would make sip.js fail deep inside with a TypeError, so it falls back
 * to `exum.invalid` (RFC 6761 reserves .invalid) and the caller records a warning.
 */
export function fromAddress(options: Pick<ProbeOptions, "fromUser" | "fromDomain">): FromAddress & { readonly fellBack: boolean } {
  const user = options.fromUser ?? fallback.user;
  const domain = options.fromDomain ?? fallback.domain;
  const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
  if (uri !== undefined && /^[A-Za-z0-9.-]+$/.test(domain)) {
    return { user, domain, uri, text: `sip:${user}@${domain}`, fellBack: false };
  }
  const safe = UserAgent.makeURI(`sip:${fallback.user}@${fallback.domain}`) as URI;
  return { ...fallback, uri: safe, text: `sip:${fallback.user}@${fallback.domain}`, fellBack: true };
}
