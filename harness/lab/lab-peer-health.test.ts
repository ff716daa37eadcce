import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

/*
 * Exchange's own OPTIONS to its SIP peers (docs/protocol.md §6: "4 s reply timeout, 2 retries"), events 1400/1401
 * (§4), and the field failure of docs/protocol.md §10: "a wildcard certificate that works Lync→Exchange but breaks
 * Exchange→Lync (MWI, play-on-phone; event 1400)".
 */

const CAS = "cas01.tukwila.contoso.com";

t.test("the Call Router's own certificate: the pool answers its OPTIONS, event 1401", async (t) => {
  const lab = await startTestLab(t);
  const results = await lab.checkPeerHealth(CAS);
  t.match(results.find((peer) => peer.gateway === "pool01"), { address: "pool01.contoso.com", transport: "tls", healthy: true, attempts: 1, status: 200, failure: null });
  t.match(lab.events.entries({ server: CAS, eventId: 1401 }).find((event) => event.details?.gateway === "pool01"), { level: "Information", details: { healthy: true } });
  t.same(lab.events.entries({ server: CAS, eventId: 1400 }), []);
});

t.test("a certificate the pool does not take from Exchange: event 1400 after 1 + 2 tries, while pool → Exchange is unaffected", async (t) => {
  // The short-name certificate (CN and SAN `mbx01`-style, no FQDN): the pool's mutual TLS accepts the chain, but the
  // certificate names no peer of the pool, so the pool answers 403 (sim-pool-peer-check.ts) — Exchange → pool breaks.
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, certificate: "fqdn-missing" }] });
  const lab = await startTestLab(t, { topology });
  const results = await lab.checkPeerHealth(CAS);
  t.match(results.find((peer) => peer.gateway === "pool01"), { healthy: false, attempts: 3, status: 403 });
  t.match(lab.events.entries({ server: CAS, eventId: 1400 }), [{ level: "Error", message: /pool01 \(pool01\.contoso\.com\) did not answer OPTIONS with 2xx after 3 attempts \(403/ }]);
  await t.rejects(lab.checkPeerHealth("pool01"), { code: "EXUM_LAB_NOT_EXCHANGE" });
});

t.test("an unreachable peer: no response within the reply timeout, event 1400", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { behaviour: { peerHealth: { replyTimeoutMs: 300, retries: 1 } } });
  const lab = await startTestLab(t, { topology });
  await lab.setFault("pool01", { kind: "black-hole" });
  const results = await lab.checkPeerHealth(CAS);
  t.match(results.find((peer) => peer.gateway === "pool01"), { healthy: false, attempts: 2, status: null, failure: "no-response" });
  t.equal(lab.events.entries({ server: CAS, eventId: 1400 }).filter((event) => event.details?.gateway === "pool01").length, 1);
});

t.test("a wildcard certificate: pool → Exchange works, Exchange → pool breaks with event 1400 (the field failure); accept lets it through", async (t) => {
  const UM2010 = "um2010.contoso.com";
  // CN=*.contoso.com, SAN *.contoso.com (lab-mistakes.ts `wildcard-subject`): it covers um2010.contoso.com as a server
  // name (RFC 6125), but names no peer exactly.
  const wildcard = { servers: [{ fqdn: UM2010, certificate: "wildcard-subject" }] };
  const lab = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), wildcard) });
  const toExchange = await probeOptions(labTarget(lab, UM2010, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(toExchange, { outcome: "ok", tls: { verification: { trusted: true, nameMatches: true } } }, "the pool reaches Exchange: its wildcard SAN covers the name");
  const results = await lab.checkPeerHealth(UM2010);
  t.match(results.find((peer) => peer.gateway === "pool01"), { healthy: false, status: 403 }, "Exchange's OPTIONS to the pool are refused");
  t.ok(lab.events.entries({ server: UM2010, eventId: 1400 }).some((event) => event.details?.gateway === "pool01"), "event 1400 on the UM server");

  const accepting = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { ...wildcard, behaviour: { pool: { peerWildcardNames: "accept" } } }) });
  const accepted = await accepting.checkPeerHealth(UM2010);
  t.match(accepted.find((peer) => peer.gateway === "pool01"), { healthy: true, status: 200 }, "with peerWildcardNames: accept the pool answers 200");
});
