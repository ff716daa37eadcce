import type { LintRule } from "./lint-rule.js";
import { keySize, signatureAlgorithm } from "./lint-rules-crypto.js";
import { liveClientCertificateAccepted, liveClientCertificateRequested, liveHandshake } from "./lint-rules-live.js";
import { fqdnInName, fqdnInSubject, noWildcardSubject, peersInSan, subjectIsFqdn } from "./lint-rules-names.js";
import { chainsToRoot, notSelfSigned } from "./lint-rules-trust.js";
import { extendedKeyUsage, keyUsage } from "./lint-rules-usage.js";
import { alreadyValid, expiresSoon, notExpired } from "./lint-rules-validity.js";

/** Every lint rule, in the order reports list them. Ids are stable: add rules, never rename them. */
export const LINT_RULES: readonly LintRule[] = [
  liveHandshake,
  liveClientCertificateRequested,
  liveClientCertificateAccepted,
  notSelfSigned,
  chainsToRoot,
  fqdnInName,
  fqdnInSubject,
  subjectIsFqdn,
  noWildcardSubject,
  peersInSan,
  notExpired,
  alreadyValid,
  expiresSoon,
  keySize,
  signatureAlgorithm,
  extendedKeyUsage,
  keyUsage,
];
