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
 * What each From user and domain came to, parsed once: a probe asks several times per hop, and sip.js's grammar run
 * per ask was a few per cent of the client's CPU per call (docs/design.md §10). Bounded (a run uses a few personas).
 */
const decided = new Map<string, FromAddress & { readonly fellBack: boolean }>();
const DECIDED_LIMIT = 64;

/**
 * Our From address from the probe options. A domain that is no valid SIP host (a wildcard certificate name
 * such as `*.contoso.com`, an empty string) would make sip.js fail deep inside with a TypeError, so it falls back
 * to `exum.invalid` (RFC 6761 reserves .invalid) and the caller records a warning. Each call gets a URI of its own
 * (a clone): sip.js's URI objects are mutable.
 */
export function fromAddress(options: Pick<ProbeOptions, "fromUser" | "fromDomain">): FromAddress & { readonly fellBack: boolean } {
  const user = options.fromUser ?? fallback.user;
  const domain = options.fromDomain ?? fallback.domain;
  const key = `${user}\n${domain}`;
  let known = decided.get(key);
  if (known === undefined) {
    known = decide(user, domain);
    if (decided.size >= DECIDED_LIMIT) decided.clear();
    decided.set(key, known);
  }
  return { ...known, uri: known.uri.clone() };
}

function decide(user: string, domain: string): FromAddress & { readonly fellBack: boolean } {
  const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
  if (uri !== undefined && /^[A-Za-z0-9.-]+$/.test(domain)) {
    return { user, domain, uri, text: `sip:${user}@${domain}`, fellBack: false };
  }
  const safe = UserAgent.makeURI(`sip:${fallback.user}@${fallback.domain}`) as URI;
  return { ...fallback, uri: safe, text: `sip:${fallback.user}@${fallback.domain}`, fellBack: true };
}
