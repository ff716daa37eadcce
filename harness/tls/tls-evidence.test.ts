import t from "tap";
import { signalingSecurity } from "./signaling-security.js";
import { emptyEvidence } from "./empty-evidence.js";
import { markClientCertificate } from "./mark-client-certificate.js";

t.test("empty evidence is JSON and says what it is", async (t) => {
  const evidence = emptyEvidence("tls");
  t.same(JSON.parse(JSON.stringify(evidence)), evidence);
  t.match(evidence, { transport: "tls", version: null, peer: null, peerChain: [], clientCertificate: { requested: null, accepted: null } });
  t.match(emptyEvidence("tcp").clientCertificate.requestedBasis, /plain TCP/);
});

t.test("markClientCertificate settles acceptance in place; signalling follows", async (t) => {
  const sent = emptyEvidence("tls");
  sent.clientCertificate = { ...sent.clientCertificate, sent: true, requested: true };
  t.equal(signalingSecurity(sent), "tls", "not yet accepted");
  t.equal(markClientCertificate(sent, true), sent, "same object");
  t.equal(sent.clientCertificate.accepted, true);
  t.equal(signalingSecurity(sent), "mtls");

  const rejected = emptyEvidence("tls");
  rejected.clientCertificate = { ...rejected.clientCertificate, sent: true, requested: true };
  markClientCertificate(rejected, false);
  t.equal(rejected.clientCertificate.accepted, false);
  t.equal(signalingSecurity(rejected), "tls");

  const neverAsked = emptyEvidence("tls");
  neverAsked.clientCertificate.requested = false;
  markClientCertificate(neverAsked, true);
  t.equal(neverAsked.clientCertificate.accepted, null, "nothing was sent, nothing accepted");
  markClientCertificate(neverAsked, false);
  t.equal(neverAsked.clientCertificate.accepted, false, "a refusal is always recorded");

  const tcp = emptyEvidence("tcp");
  markClientCertificate(tcp, false);
  t.equal(tcp.clientCertificate.accepted, null, "TCP has no client certificate");
  t.equal(signalingSecurity(tcp), "tcp");
});
