import t from "tap";
import { probeCall } from "../../sip/call-probe.js";
import { probeOptions } from "../../sip/options-probe.js";
import type { MediaPolicy } from "../../sdp/media-policy.js";
import { clientOptions, labTarget, startTestLab } from "../lab-test-fixture.js";
import type { Lab } from "../lab.js";
import { defaultLoadedTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";

const GW = "gw01.contoso.com";

async function fromMediation(lab: Lab, gateway: string, listener: "sip-tls" | "sip-tcp", policy: MediaPolicy) {
  return probeCall(labTarget(lab, gateway, listener, "+14255550100"), { ...(await clientOptions(lab, "mediation")), policy });
}

t.test("the gateway answers OPTIONS on 5060 TCP and 5061 TLS (docs/protocol.md §6: the Mediation Server pings it)", async (t) => {
  const lab = await startTestLab(t);
  const tcp = await probeOptions(labTarget(lab, GW, "sip-tcp", null), await clientOptions(lab, null));
  t.match(tcp, { outcome: "ok", status: 200, hops: [{ signaling: "tcp", port: 5060, headers: { server: ["exum-lab-gateway"] } }] });
  const tls = await probeOptions(labTarget(lab, GW, "sip-tls", null), await clientOptions(lab, "mediation"));
  t.match(tls, { outcome: "ok", status: 200, hops: [{ signaling: "mtls", port: 5061 }] });
});

t.test("its calls follow the trunk that points at it [INF]: Required over TLS, NotSupported over TCP", async (t) => {
  const lab = await startTestLab(t);
  t.match(await fromMediation(lab, GW, "sip-tls", "required"), { outcome: "answered", negotiated: { media: "srtp" } });
  t.match(await fromMediation(lab, GW, "sip-tls", "none"), { outcome: "failed", status: 488, failure: { code: "srtp-required-by-peer" } });
  t.match(await fromMediation(lab, GW, "sip-tcp", "none"), { outcome: "answered", negotiated: { media: "rtp", signaling: "tcp" } });
  t.match(await fromMediation(lab, GW, "sip-tcp", "required"), { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" } });
  t.match(lab.calls.ended(GW).map((call) => call.endedBy), ["peer-bye", "peer-bye"]);
});

t.test("a gateway no trunk points at takes SRTP optionally [INF]", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: "gw02.contoso.com", role: "gateway" }] });
  const lab = await startTestLab(t, { topology });
  t.match(await fromMediation(lab, "gw02.contoso.com", "sip-tls", "required"), { outcome: "answered", negotiated: { media: "srtp" } });
  t.match(await fromMediation(lab, "gw02.contoso.com", "sip-tls", "none"), { outcome: "answered", negotiated: { media: "rtp" } });
});
