import type { LintRule, LintSource } from "./lint-rule.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const TLS_FAILS: LintSource = {
  ref: "docs/protocol.md §5 [OBS]",
  quote: "TLS itself fails (untrusted CA, expired, revoked, unusable): no SIP response at all; the handshake is aborted.",
};

export const notExpired: LintRule = {
  id: "not-expired",
  severity: "error",
  scope: "certificate",
  title: "The certificate has not expired",
  explanation:
    "Every peer refuses an expired certificate during the TLS handshake: calls fail with no SIP response and " +
    "Exchange logs 1649 (Call Router) or 1113 (UM service).",
  source: TLS_FAILS,
  fix: "Renew it from the same CA with the same names, assign the new certificate to the UM services (or Set-CsCertificate on Lync) and restart them.",
  check({ leaf, now }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    return new Date(leaf.validTo) < now
      ? { status: "fail", message: `expired on ${leaf.validTo}` }
      : { status: "pass", message: `valid until ${leaf.validTo}` };
  },
};

export const alreadyValid: LintRule = {
  id: "already-valid",
  severity: "error",
  scope: "certificate",
  title: "The certificate is already valid (its start date has passed)",
  explanation:
    "A certificate whose validity starts in the future is refused like an expired one. It usually means a clock " +
    "is wrong on the CA or on this machine.",
  source: TLS_FAILS,
  fix: "Check the clocks of the CA and the servers; re-issue with a start date in the past.",
  check({ leaf, now }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    return new Date(leaf.validFrom) > now
      ? { status: "fail", message: `not valid before ${leaf.validFrom}` }
      : { status: "pass", message: `valid since ${leaf.validFrom}` };
  },
};

export const expiresSoon: LintRule = {
  id: "expires-soon",
  severity: "warning",
  scope: "certificate",
  title: "The certificate does not expire within the warning period (30 days)",
  explanation: "When it expires every UM ↔ Lync call fails at once; renewing takes a change window.",
  source: { ref: "docs/design.md §8 (certs lint)", quote: "currently valid, and a warning when it expires within 30 days" },
  fix: "Renew it now, from the same CA with the same names, and plan the service restart.",
  check({ leaf, now, expiryWarningDays }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const left = (new Date(leaf.validTo).getTime() - now.getTime()) / DAY_MS;
    if (left < 0) return { status: "skip", message: "already expired: see not-expired" };
    return left < expiryWarningDays
      ? { status: "fail", message: `expires in ${Math.floor(left)} days, on ${leaf.validTo}` }
      : { status: "pass", message: `${Math.floor(left)} days left` };
  },
};
