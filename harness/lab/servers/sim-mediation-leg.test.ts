import t from "tap";
import { gatewaySrtpMode } from "./sim-gateway.js";
import { mediationLeg, mediationPool } from "./sim-mediation-leg.js";
import { defaultLoadedTopology, defaultTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";
import type { ServerOf } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";

const MED = "med01.contoso.com";
const mediation = (topology: Topology) => topology.servers.find((s) => s.fqdn === MED) as ServerOf<"mediation">;
const withTrunk = (trunk: { transport?: "tls" | "tcp"; srtpMode?: "Required" | "Optional" | "NotSupported" }) =>
  applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: MED, trunk }] });

t.test("gateway side: the trunk SRTPMode on 5067, NotSupported forced on 5068 (docs/protocol.md §2)", async (t) => {
  for (const srtpMode of ["Required", "Optional", "NotSupported"] as const) {
    const topology = withTrunk({ srtpMode });
    t.match(mediationLeg(topology, mediation(topology), "gateway-tls"), { side: "gateway", transport: "tls", srtpMode, policy: { Required: "required", Optional: "optional", NotSupported: "none" }[srtpMode] }, srtpMode);
    t.match(mediationLeg(topology, mediation(topology), "gateway-tcp"), { side: "gateway", transport: "tcp", srtpMode: "NotSupported", policy: "none" }, `${srtpMode} on TCP`);
  }
});

t.test("a trunk declared TCP is NotSupported even on the TLS listener", async (t) => {
  const topology = withTrunk({ transport: "tcp", srtpMode: "Required" });
  t.match(mediationLeg(topology, mediation(topology), "gateway-tls"), { srtpMode: "NotSupported", policy: "none" });
});

t.test("pool side (5070): the pool's EncryptionLevel [INF]", async (t) => {
  const topology = defaultTopology();
  t.match(mediationLeg(topology, mediation(topology), "pool-mtls"), { side: "pool", pool: "pool01.contoso.com", encryptionLevel: "RequireEncryption", policy: "required" });
  const support = applyOverrides(topology, { servers: [{ fqdn: "pool01.contoso.com", encryptionLevel: "SupportEncryption" }] });
  t.match(mediationLeg(support, mediation(support), "pool-mtls"), { encryptionLevel: "SupportEncryption", policy: "optional" });
  t.equal(mediationPool(topology, mediation(topology))?.fqdn, "pool01.contoso.com");
});

t.test("the gateway mirrors the trunk that points at it, Optional when none does [INF]", async (t) => {
  const topology = withTrunk({ srtpMode: "Required" });
  t.equal(gatewaySrtpMode(topology, "gw01.contoso.com", "tls"), "Required");
  t.equal(gatewaySrtpMode(topology, "gw01.contoso.com", "tcp"), "NotSupported");
  t.equal(gatewaySrtpMode(topology, "gw99.contoso.com", "tls"), "Optional");
});
