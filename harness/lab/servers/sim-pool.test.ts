import t from "tap";
import { probeCall } from "../../sip/call-probe.js";
import { probeOptions } from "../../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "../lab-test-fixture.js";
import { poolHandler } from "./sim-pool.js";

const POOL = "pool01.contoso.com";

t.test("the pool answers OPTIONS 200 over mutual TLS to its trusted peers (docs/protocol.md §1, §5)", async (t) => {
  const lab = await startTestLab(t);
  for (const persona of ["owa", "mediation", "pool", "mbx01", "cas01", "um2010"]) {
    const result = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, persona));
    t.match(result, { outcome: "ok", status: 200, hops: [{ signaling: "mtls" }] }, persona);
    t.match(result.hops[0]?.headers, { server: ["ExumRouting/7.0.0.0"], allow: ["INVITE, ACK, CANCEL, BYE, OPTIONS"] }, `${persona}: Server from behaviour.userAgents.pool`);
  }
});

t.test("a lab certificate naming no peer (the gateway's) → 403 + ms-diagnostics in the SIP stack range", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "gateway"));
  t.match(result, { outcome: "failed", status: 403, reason: "Forbidden", failure: { code: "rejected" }, hops: [{ signaling: "mtls" }] });
  t.match(result.hops[0]?.diagnostics, [
    { header: "ms-diagnostics", code: 1099, component: "sip-stack", source: POOL, reason: "Peer certificate names no server or trusted application of the topology" },
  ]);
});

t.test("an untrusted CA: the handshake is aborted, no SIP response at all (docs/protocol.md §5)", async (t) => {
  const lab = await startTestLab(t);
  const result = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "signed-by-other-ca"));
  t.match(result, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
  const none = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, null));
  t.match(none, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
});

t.test("certificate names (docs/protocol.md §5): wildcards in the SAN are accepted, a name of no server is not", async (t) => {
  const seen: { accepted: boolean; peer: string | null }[] = [];
  const lab = await startTestLab(t, { roles: { pool: poolHandler({ onRequest: (request) => seen.push(request) }) } });
  // wildcard-san: CN=mbx01.tukwila.contoso.com, SAN *.tukwila.contoso.com and *.dublin.contoso.com.
  const wildcard = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "wildcard-san"));
  t.match(wildcard, { outcome: "ok", status: 200 });
  t.match(seen[0], { accepted: true, peer: "mbx01.tukwila.contoso.com" });
  // fqdn-missing: from the lab root, naming no server of the topology.
  const nameless = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "fqdn-missing"));
  t.match(nameless, { status: 403, hops: [{ diagnostics: [{ code: 1099 }] }] });
  t.match(seen[1], { accepted: false, peer: null });
});

t.test("the answers are settings: status, ms-diagnostics code and reason, Server", async (t) => {
  const lab = await startTestLab(t, {
    roles: {
      pool: poolHandler({
        serverHeader: "RTCC/6.0.0.0 ExumRouting",
        untrustedPeer: { status: 480, reason: "Temporarily Unavailable", diagnosticsCode: 1042, diagnosticsReason: "custom" },
      }),
    },
  });
  const rejected = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "gateway"));
  t.match(rejected, { status: 480, hops: [{ diagnostics: [{ code: 1042, reason: "custom", source: POOL }], headers: { server: ["RTCC/6.0.0.0 ExumRouting"] } }] });
  const ok = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "owa"));
  t.match(ok, { status: 200, hops: [{ headers: { server: ["RTCC/6.0.0.0 ExumRouting"] } }] });
});

t.test("the topology's userAgents apply at once; an INVITE is ExumRouting's (sim-pool-routing.test.ts), not a 405", async (t) => {
  const lab = await startTestLab(t);
  lab.topology.behaviour.userAgents.pool = "ExumRouting/6.0.9319.0";
  const result = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "mbx02"));
  t.match(result, { status: 200, hops: [{ headers: { server: ["ExumRouting/6.0.9319.0"] } }] });
  const call = await probeCall(labTarget(lab, POOL, "sip-tls", "alice"), { ...(await clientOptions(lab, "mbx02")), policy: "required" });
  // sip:alice@pool01 is no voice-mail URI and no Auto Attendant or Subscriber Access number: nothing to route.
  t.match(call, { outcome: "failed", status: 500, hops: [{ headers: { server: ["ExumRouting/6.0.9319.0"] }, diagnostics: [{ code: 15000, appName: "ExumRouting" }] }] });
});
