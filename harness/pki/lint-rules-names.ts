import { coveringName, isValidFqdn, isWildcard } from "./host-names.js";
import type { LintRule } from "./lint-rule.js";

const SERVER_FQDN_QUOTE =
  "The certificate of each Client Access and Mailbox server must carry that server's FQDN in the Subject Name " +
  "(CN), or one certificate may carry every server FQDN in its SAN list.";

export const fqdnInName: LintRule = {
  id: "fqdn-in-name",
  severity: "error",
  scope: "certificate",
  title: "The server's FQDN (--fqdn) is in the Subject Name or the SAN",
  explanation:
    "Exchange matches the peer certificate's names against the FQDNs it trusts (Lync pools, UM IP gateways), and a " +
    "TLS client checks that the name it dialled is in the server's certificate. Without the FQDN the TLS name check " +
    "fails, or Exchange answers 403 UnAuthorizedGateway.",
  source: { ref: "docs/protocol.md §5 [DOC, seed]", quote: SERVER_FQDN_QUOTE },
  fix: "Re-issue the certificate with the server's FQDN as the Subject Name (CN) and in the SAN list.",
  check({ leaf, fqdn }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    if (fqdn === undefined) return { status: "skip", message: "no --fqdn given: name the server this certificate is for" };
    const names = [...(leaf.commonName === undefined ? [] : [leaf.commonName]), ...leaf.san];
    if (leaf.commonName?.toLowerCase() === fqdn.toLowerCase()) return { status: "pass", message: `${fqdn} is the Subject Name` };
    const match = coveringName(leaf.san, fqdn);
    if (match !== undefined) return { status: "pass", message: `${fqdn} is covered by the SAN entry ${match}` };
    return { status: "fail", message: `${fqdn} is in neither the Subject Name nor the SAN (names: ${names.join(", ") || "none"})` };
  },
};

export const fqdnInSubject: LintRule = {
  id: "fqdn-in-subject",
  severity: "warning",
  scope: "certificate",
  title: "The server's FQDN (--fqdn) is the Subject Name (\"Issued to\")",
  explanation:
    "Exchange UM and Lync take the Subject Name as the server's identity. A certificate shared by several servers " +
    "may carry the others only in its SAN, but each server's own FQDN belongs in the Subject Name.",
  source: { ref: "docs/protocol.md §5 [DOC, seed]", quote: "The FQDN must be the \"Issued to\" value." },
  fix: "Re-issue with this server's FQDN as the Subject Name (CN); keep the other FQDNs in the SAN.",
  check({ leaf, fqdn }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    if (fqdn === undefined) return { status: "skip", message: "no --fqdn given" };
    return leaf.commonName?.toLowerCase() === fqdn.toLowerCase()
      ? { status: "pass", message: `issued to ${fqdn}` }
      : { status: "fail", message: `issued to ${leaf.commonName ?? "(no CN)"}, not ${fqdn}` };
  },
};

export const subjectIsFqdn: LintRule = {
  id: "subject-is-fqdn",
  severity: "error",
  scope: "certificate",
  title: "The Subject Name (CN) is a valid FQDN",
  explanation:
    "Exchange logs event 1684 when the certificate's Subject Name is not a valid FQDN, and its local SIP OPTIONS " +
    "probe breaks. A friendly name, a NetBIOS name or an empty Subject Name does not identify the server.",
  source: {
    ref: "docs/protocol.md §4 [OBS], §5 [DOC, seed]",
    quote: "1684 certificate Subject Name is not a valid FQDN … The FQDN must be the \"Issued to\" value.",
  },
  fix: "Re-issue with the server's FQDN as the CN, e.g. CN=mbx01.tukwila.contoso.com.",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const cn = leaf.commonName;
    if (cn === undefined) return { status: "fail", message: "the Subject Name has no CN" };
    if (isWildcard(cn)) return { status: "skip", message: `CN=${cn} is a wildcard: see no-wildcard-subject` };
    return isValidFqdn(cn)
      ? { status: "pass", message: `CN=${cn} is a valid FQDN` }
      : { status: "fail", message: `CN=${cn} is not a fully qualified domain name` };
  },
};

export const noWildcardSubject: LintRule = {
  id: "no-wildcard-subject",
  severity: "error",
  scope: "certificate",
  title: "No wildcard in the Subject Name (a wildcard SAN is fine)",
  explanation:
    "Exchange UM cannot take a wildcard Subject Name as a server identity: it logs 1684 and Lync's trust check fails. " +
    "A wildcard is supported in the SAN list, beside a real FQDN in the Subject Name.",
  source: {
    ref: "docs/protocol.md §5 [DOC, seed]",
    quote: "A wildcard in the Subject Name is not supported for Exchange UM with Lync; a wildcard in the SAN is.",
  },
  fix: "Re-issue with the server's FQDN as the Subject Name; keep the wildcard in the SAN if you need it.",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    const cn = leaf.commonName;
    if (cn !== undefined && isWildcard(cn)) return { status: "fail", message: `the Subject Name is the wildcard CN=${cn}` };
    const wildSans = leaf.san.filter(isWildcard);
    return {
      status: "pass",
      message: wildSans.length > 0 ? `no wildcard CN (wildcard SAN ${wildSans.join(", ")} is supported)` : "no wildcard CN",
    };
  },
};

export const peersInSan: LintRule = {
  id: "peers-in-san",
  severity: "error",
  scope: "certificate",
  title: "Every redundant-UM server FQDN (--peers) is covered by the SAN",
  explanation:
    "With DNS failover between datacenters, a name like mbx01 may be answered by mbx03's certificate. Unless its SAN " +
    "covers every server (all FQDNs, or a wildcard), the TLS name check fails exactly when failover happens.",
  source: {
    ref: "docs/protocol.md §5, §7 [DOC, seed example 1]",
    quote:
      "For redundant UM (seed example 1, DNS failover between datacenters), each UM server's certificate needs " +
      "either a wildcard SAN or all four server FQDNs in the SAN.",
  },
  fix: "Re-issue with every UM server FQDN in the SAN list, or a wildcard SAN (e.g. *.tukwila.contoso.com) covering them.",
  check({ leaf, peers }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    if (peers.length === 0) return { status: "skip", message: "no --peers given (only needed for redundant UM)" };
    const missing = peers.filter((peer) => coveringName(leaf.san, peer) === undefined);
    return missing.length === 0
      ? { status: "pass", message: `the SAN covers all ${peers.length} peers` }
      : { status: "fail", message: `the SAN does not cover ${missing.join(", ")}` };
  },
};
