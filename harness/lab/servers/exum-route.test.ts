import t from "tap";
import { defaultLoadedTopology, defaultTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";
import type { ServerOf } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";
import { routeExumCall } from "./exum-route.js";

function poolOf(topology: Topology): ServerOf<"pool"> {
  const pool = topology.servers.find((server): server is ServerOf<"pool"> => server.role === "pool");
  if (pool === undefined) throw new Error("the default topology has a pool");
  return pool;
}

t.test("voice mail: the user's dial plan's Call Routers, and the Diversion the pool writes (docs/protocol.md §8 [DOC MS-EUMR])", async (t) => {
  const topology = defaultTopology();
  t.same(routeExumCall(topology, poolOf(topology), "sip:alice@contoso.com;opaque=app:voicemail"), {
    ok: true,
    route: { kind: "call-answering", dialPlan: topology.dialPlans[0], servers: ["cas01.tukwila.contoso.com"], diversion: "<sip:alice@contoso.com>", requestUri: null },
  });
  t.match(routeExumCall(topology, poolOf(topology), "sip:carol@contoso.com;opaque=app:voicemail"), { ok: true, route: { servers: ["um2010.contoso.com"] } }, "Exchange 2010: its UM server");
  t.match(routeExumCall(topology, poolOf(topology), "sip:nobody@contoso.com;opaque=app:voicemail"), { ok: false, answer: "unknownTarget" });
  t.match(routeExumCall(topology, poolOf(topology), "not a uri"), { ok: false, answer: "unknownTarget" });
});

t.test("pilots: a contact object per number (OcsUmUtil); missing or moved → the article's 15000", async (t) => {
  const topology = defaultTopology();
  t.match(routeExumCall(topology, poolOf(topology), "sip:dp1.contoso.com@contoso.com"), { ok: true, route: { kind: "subscriber-access", diversion: null } });
  t.match(routeExumCall(topology, poolOf(topology), "sip:dp1@contoso.com"), { ok: true, route: { kind: "subscriber-access" } }, "the PhoneContext's first label");
  t.match(routeExumCall(topology, poolOf(topology), "sip:aa@contoso.com"), { ok: true, route: { kind: "auto-attendant" } });
  const missing = applyOverrides(defaultLoadedTopology(), { subscriberAccess: [{ dialPlan: "DP1", contactObject: "missing" }], autoAttendants: [{ name: "Contoso AA", contactObject: "moved" }] });
  t.match(routeExumCall(missing, poolOf(missing), "sip:dp1.contoso.com@contoso.com"), { ok: false, answer: "unknownTarget", detail: /missing/ });
  t.match(routeExumCall(missing, poolOf(missing), "sip:aa@contoso.com"), { ok: false, answer: "unknownTarget", detail: /moved to another pool/ });
});

t.test("Exchange 2010: the Lync dial plan must be named after the UM dial plan's FQDN; Exchange 2013+ does not care", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), {
    users: [
      { sipAddress: "carol@contoso.com", lyncDialPlan: "DP2010" },
      { sipAddress: "alice@contoso.com", lyncDialPlan: "Tukwila" },
    ],
  });
  t.match(routeExumCall(topology, poolOf(topology), "sip:carol@contoso.com;opaque=app:voicemail"), { ok: false, answer: "noUmDialPlan", detail: /dp2010\.contoso\.com/ });
  t.match(routeExumCall(topology, poolOf(topology), "sip:alice@contoso.com;opaque=app:voicemail"), { ok: true });
  const named = applyOverrides(defaultLoadedTopology(), { users: [{ sipAddress: "carol@contoso.com", lyncDialPlan: "DP2010.contoso.com" }] });
  t.match(routeExumCall(named, poolOf(named), "sip:carol@contoso.com;opaque=app:voicemail"), { ok: true }, "names compare without case");
});

t.test("servers: highest Exchange version only (MS-EUMR), cut to exumServersToTry; Lync 2010 tries 2 [3P]", async (t) => {
  const three = {
    servers: [
      { fqdn: "cas02.tukwila.contoso.com", role: "callRouter", startupMode: "Dual", exchangeVersion: 2016 },
      { fqdn: "cas03.tukwila.contoso.com", role: "callRouter", startupMode: "Dual", exchangeVersion: 2016 },
      { fqdn: "cas13.tukwila.contoso.com", role: "callRouter", startupMode: "Dual", exchangeVersion: 2013 },
    ],
    dialPlans: [{ name: "DP1", servers: ["cas13.tukwila.contoso.com", "cas01.tukwila.contoso.com", "cas02.tukwila.contoso.com", "cas03.tukwila.contoso.com", "mbx01.tukwila.contoso.com"] }],
  };
  const topology = applyOverrides(defaultLoadedTopology(), three);
  t.match(routeExumCall(topology, poolOf(topology), "sip:alice@contoso.com;opaque=app:voicemail"), {
    ok: true,
    route: { servers: ["cas01.tukwila.contoso.com", "cas02.tukwila.contoso.com", "cas03.tukwila.contoso.com"] },
  });
  const lync2010 = applyOverrides(defaultLoadedTopology(), { ...three, servers: [...three.servers, { fqdn: "pool01.contoso.com", lyncVersion: 2010 }] });
  t.match(routeExumCall(lync2010, poolOf(lync2010), "sip:alice@contoso.com;opaque=app:voicemail"), { ok: true, route: { servers: ["cas01.tukwila.contoso.com", "cas02.tukwila.contoso.com"] } });
  const one = applyOverrides(defaultLoadedTopology(), { ...three, servers: [...three.servers, { fqdn: "pool01.contoso.com", exumServersToTry: 1 }] });
  t.match(routeExumCall(one, poolOf(one), "sip:alice@contoso.com;opaque=app:voicemail"), { ok: true, route: { servers: ["cas01.tukwila.contoso.com"] } });
  const none = applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", servers: ["mbx01.tukwila.contoso.com"] }] });
  t.match(routeExumCall(none, poolOf(none), "sip:alice@contoso.com;opaque=app:voicemail"), { ok: false, answer: "noUmDialPlan" }, "Mailbox servers alone are no front door");
});

t.test("a contact object's own SIP address reaches its number, retargeted to the pilot (KB4480742's To: a contact address)", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { autoAttendants: [{ name: "Contoso AA", contactSipAddress: "sip:SeaAutoAttendant@contoso.com" }] });
  t.match(routeExumCall(topology, poolOf(topology), "sip:seaautoattendant@contoso.com"), { ok: true, route: { kind: "auto-attendant", requestUri: "sip:aa@contoso.com" } });
  t.match(routeExumCall(topology, poolOf(topology), "sip:aa@contoso.com"), { ok: true, route: { requestUri: null } }, "the pilot form is sent on as written");
  t.match(routeExumCall(topology, poolOf(topology), "sip:otherattendant@contoso.com"), { ok: false, answer: "unknownTarget" });
});
