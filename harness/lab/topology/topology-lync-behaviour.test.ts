import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import t from "tap";
import { stringify } from "yaml";
import { probeCall } from "../../sip/call-probe.js";
import { probeOptions } from "../../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "../lab-test-fixture.js";
import { mediationHandler } from "../servers/sim-mediation.js";
import { MEDIATION_SIM_DEFAULTS } from "./sim-mediation-settings.js";
import { poolHandler } from "../servers/sim-pool.js";
import { POOL_SIM_DEFAULTS } from "./sim-pool-settings.js";
import { DEFAULT_TOPOLOGY, defaultLoadedTopology, defaultTopology } from "./topology-default.js";
import { loadTopology } from "./topology-loader.js";
import { applyOverrides } from "./topology-overrides.js";

const MED = "med01.contoso.com";
const POOL = "pool01.contoso.com";
const DIAL = "+14255550100";

/** The default topology as a topology file would write it, med01's trunk NotSupported, plus `behaviour`. */
async function topologyFile(dir: string, behaviour: Record<string, unknown>): Promise<string> {
  const input = structuredClone(DEFAULT_TOPOLOGY) as unknown as { servers: Record<string, unknown>[] } & Record<string, unknown>;
  const med = input.servers.find((server) => server["fqdn"] === MED);
  if (med === undefined) throw new Error("the default topology lost med01");
  med["trunk"] = { ...(med["trunk"] as object), srtpMode: "NotSupported" };
  const file = join(dir, "lab.yaml");
  await writeFile(file, stringify({ ...input, behaviour }));
  return file;
}

const customRefusal = { status: 606, reason: "Not Acceptable", diagnosticsCode: 10555, diagnosticsReason: "Media encryption refused by the trunk" };

t.test("behaviour.pool and behaviour.mediation default to the simulators' documented settings", async (t) => {
  const { behaviour } = defaultTopology();
  t.same(behaviour.pool, POOL_SIM_DEFAULTS);
  t.same(behaviour.mediation, MEDIATION_SIM_DEFAULTS);
});

t.test("a topology file sets the Mediation Server's refusal and the pool's answers", async (t) => {
  const file = await topologyFile(t.testdir(), {
    mediation: { notAcceptable: customRefusal },
    pool: { optionsStatus: 403, untrustedPeer: { status: 480, reason: "Temporarily Unavailable", diagnosticsCode: 1042 } },
  });
  const { topology } = await loadTopology(file);
  t.same(topology.behaviour.mediation.notAcceptable, customRefusal);
  t.same(topology.behaviour.pool.untrustedPeer, { ...POOL_SIM_DEFAULTS.untrustedPeer, status: 480, reason: "Temporarily Unavailable", diagnosticsCode: 1042 }, "unset fields keep their defaults");
  const lab = await startTestLab(t, { topology });

  const refused = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "gateway")), policy: "required" });
  t.match(refused, { outcome: "failed", status: 606, reason: "Not Acceptable", failure: { code: "incompatible-security-setting" } }, "SRTP required into a NotSupported trunk");
  t.match(refused.hops[0]?.diagnostics, [{ header: "ms-diagnostics", code: 10555, reason: "Media encryption refused by the trunk", source: MED }]);

  const options = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "mediation"));
  t.match(options, { status: 403, hops: [{ headers: { server: ["ExumRouting/7.0.0.0"] } }] }, "the pool's OPTIONS status");
  const stranger = await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "gateway"));
  t.match(stranger, { status: 480, hops: [{ diagnostics: [{ code: 1042, reason: POOL_SIM_DEFAULTS.untrustedPeer.diagnosticsReason, source: POOL }] }] });
});

t.test("the settings are read per request: a change to the running lab's topology applies at once", async (t) => {
  const lab = await startTestLab(t);
  const ping = async () => (await probeOptions(labTarget(lab, MED, "gateway-tls", null), await clientOptions(lab, "gateway"))).status;
  t.equal(await ping(), 200);
  lab.topology.behaviour.mediation.optionsStatus = 503;
  t.equal(await ping(), 503);
  lab.topology.behaviour.mediation.checkPeerNames = false;
  const poolOnGatewaySide = await probeOptions(labTarget(lab, MED, "gateway-tls", null), await clientOptions(lab, "pool"));
  t.equal(poolOnGatewaySide.status, 503, "checkPeerNames off: the pool's certificate is let in on 5067");
});

t.test("the handler factories' options still override the topology", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), {
    servers: [{ fqdn: MED, trunk: { srtpMode: "NotSupported" } }],
    behaviour: { mediation: { notAcceptable: customRefusal }, pool: { optionsStatus: 403 } },
  });
  const lab = await startTestLab(t, {
    topology,
    roles: {
      mediation: mediationHandler({ notAcceptable: { status: 415, reason: "Unsupported Media Type", diagnosticsCode: 10001, diagnosticsReason: "from the factory" } }),
      pool: poolHandler({ optionsStatus: 200 }),
    },
  });
  const refused = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "gateway")), policy: "required" });
  t.match(refused, { status: 415, hops: [{ diagnostics: [{ code: 10001, reason: "from the factory" }] }] });
  const answered = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "gateway")), policy: "none" });
  t.match(answered.sdp?.answer, /^m=audio \d+ RTP\/AVP /m, "the call is answered with RTP where the factory sets no refusal");
  t.equal((await probeOptions(labTarget(lab, POOL, "sip-tls", null), await clientOptions(lab, "mediation"))).status, 200);
});

t.test("bad values are topology errors naming the path", async (t) => {
  t.throws(() => applyOverrides(defaultLoadedTopology(), { behaviour: { mediation: { notAcceptable: { status: 99 } } } }), {
    code: "EXUM_TOPOLOGY_OVERRIDE_INVALID",
    field: "behaviour.mediation.notAcceptable.status",
  });
  t.throws(() => applyOverrides(defaultLoadedTopology(), { behaviour: { pool: { optionStatus: 200 } } }), {
    field: "behaviour.pool.optionStatus",
    message: /unknown key "optionStatus" \(did you mean "optionsStatus"\?\)/,
  });
});
