import t from "tap";
import { tlsHtml } from "./html-tls.js";
import type { TlsEvidence } from "../model/tls-evidence.js";

function evidence(clientCertificate: Partial<TlsEvidence["clientCertificate"]>): TlsEvidence {
  return {
    transport: "tls",
    tcp: { localAddress: "::1", localPort: 40000, remoteAddress: "::1", remotePort: 40001 },
    version: "TLSv1.2",
    cipher: null,
    sni: "cas01.tukwila.contoso.com",
    alpn: null,
    peer: null,
    peerChain: [],
    verification: { trusted: true, error: null, nameMatches: true, verifiedName: "cas01.tukwila.contoso.com", insecure: false },
    clientCertificate: { sent: true, requested: true, requestedBasis: "seen", accepted: true, subject: null, ...clientCertificate },
    warnings: [],
  };
}

t.test("the CertificateRequest's CA names in the report, escaped, with whether our issuer is among them", async (t) => {
  const page = String(tlsHtml(evidence({ acceptableCAs: ["O=x, CN=<script>alert(1)</script>", "CN=Other"], issuerListed: false }), "hop 1"));
  t.match(page, "2 name(s); our issuer among them: <strong>no</strong>");
  t.notMatch(page, "<script>", "peer text is escaped");
  t.match(page, "CN=&lt;script&gt;");
  t.match(String(tlsHtml(evidence({ acceptableCAs: [], issuerListed: null }), "hop 1")), "none (an empty list: any certificate may be sent)");
  t.notMatch(String(tlsHtml(evidence({}), "hop 1")), "CAs the server names", "nothing when no list was read (older runs)");
});
