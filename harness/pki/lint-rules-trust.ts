import type { LintRule } from "./lint-rule.js";
import { verifyChain } from "./verify-chain.js";

export const notSelfSigned: LintRule = {
  id: "not-self-signed",
  severity: "error",
  scope: "certificate",
  title: "The certificate is issued by a CA, not self-signed",
  explanation:
    "A self-signed certificate is trusted only by the server that made it. Lync, the Mediation Server and the " +
    "gateways abort the mutual TLS handshake with it, so no SIP response ever comes back (Exchange logs 1649 or 1113).",
  source: {
    ref: "docs/protocol.md §5 [DOC, seed]",
    quote: "Exchange's self-signed default certificate cannot be used with Lync.",
  },
  fix:
    "Request a certificate for this server from the CA that issued the Lync pool's certificate, assign it to the UM " +
    "services (Enable-ExchangeCertificate -Services UM,UMCallRouter) and restart them. In the lab: exum certs init.",
  check({ leaf }) {
    if (leaf === undefined) return { status: "skip", message: "no certificate" };
    return leaf.selfSigned
      ? { status: "fail", message: `"${leaf.subject}" is self-signed (issuer = subject, signed with its own key)` }
      : { status: "pass", message: `issued by "${leaf.issuer}"` };
  },
};

export const chainsToRoot: LintRule = {
  id: "chains-to-root",
  severity: "error",
  scope: "certificate",
  title: "The certificate chains to the expected root CA (--ca)",
  explanation:
    "Each side of the mutual TLS connection checks the other's chain against its own trusted roots. When UM and " +
    "Lync do not share the root, the handshake is aborted with an unknown-CA alert and the call never reaches SIP.",
  source: {
    ref: "docs/protocol.md §5 [DOC, seed]",
    quote:
      "Mutual TLS between Exchange UM and Lync requires certificates from a CA both sides trust; the UM and Lync " +
      "servers must chain to the same root CA.",
  },
  fix:
    "Issue the certificate from the root CA both sides trust, or import that root into the Trusted Root " +
    "Certification Authorities store of every Exchange and Lync server; send any intermediate CA with the certificate.",
  check({ leaf, leafPem, intermediatePems, caPems }) {
    if (leaf === undefined || leafPem === undefined) return { status: "skip", message: "no certificate" };
    if (caPems.length === 0) return { status: "skip", message: "no --ca given: pass the root both sides trust" };
    const result = verifyChain(leafPem, intermediatePems, caPems);
    return result.ok
      ? { status: "pass", message: `chains to the expected root: ${result.path.join(" → ")}` }
      : { status: "fail", message: `does not chain to the expected root: ${result.reason ?? "no path"}` };
  },
};
