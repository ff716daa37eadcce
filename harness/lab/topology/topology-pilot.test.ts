import t from "tap";
import { parseTopology } from "./topology-parse.js";
import type { TopologyInput } from "./topology-schema.js";
import { resolveUmCall } from "../servers/um-call-target.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX = "mbx01.tukwila.contoso.com";
const POOL = "pool01.contoso.com";

/** A Call Router, a Mailbox server and a pool whose UM IP gateway has a hunt group with `pilots.huntGroup`. */
function withPilots(pilots: { autoAttendant?: string; subscriberAccess?: string; huntGroup?: string }): TopologyInput {
  return {
    servers: [
      { fqdn: CAS, role: "callRouter" },
      { fqdn: MBX, role: "mailbox" },
      { fqdn: POOL, role: "pool" },
    ],
    dialPlans: [{ name: "DP1", servers: [CAS, MBX] }],
    umIpGateways: [{ name: "pool01", address: POOL, huntGroups: [{ dialPlan: "DP1", ...(pilots.huntGroup === undefined ? {} : { pilot: pilots.huntGroup }) }] }],
    ...(pilots.autoAttendant === undefined ? {} : { autoAttendants: [{ name: "AA", dialPlan: "DP1", pilot: pilots.autoAttendant }] }),
    ...(pilots.subscriberAccess === undefined ? {} : { subscriberAccess: [{ dialPlan: "DP1", pilot: pilots.subscriberAccess }] }),
  };
}

t.test("a pilot may be an E.164 number with its leading + (the example the error message itself gives)", async (t) => {
  const topology = parseTopology(withPilots({ autoAttendant: "+14255550100", subscriberAccess: "+14255550101", huntGroup: "+14255550199" }), { file: "lab.yaml" });
  t.equal(topology.autoAttendants[0]?.pilot, "+14255550100");
  t.equal(topology.subscriberAccess[0]?.pilot, "+14255550101");
  t.equal(topology.umIpGateways[0]?.huntGroups[0]?.pilot, "+14255550199");

  const call = (user: string) =>
    resolveUmCall({ topology, requestUri: `sip:${user}@${CAS}:5061;transport=tls`, diversion: null, gateway: topology.umIpGateways[0] ?? null });
  t.match(call("+14255550100"), { ok: true, target: { kind: "auto-attendant", mailboxServer: MBX } }, "the auto attendant by its + pilot");
  t.match(call("+14255550101"), { ok: true, target: { kind: "subscriber-access" } }, "Subscriber Access by its + pilot");
  t.match(call("+14255550199"), { ok: true, target: { kind: "subscriber-access", dialPlan: { name: "DP1" } } }, "the hunt group by its + pilot");
});

t.test("what a pilot still may not be", async (t) => {
  for (const pilot of ["+", "++14255550100", "+ 1425", "-1425", ".dp1", "dp 1", `+${"1".repeat(129)}`]) {
    t.throws(() => parseTopology(withPilots({ autoAttendant: pilot }), { file: "lab.yaml" }), { code: "EXUM_TOPOLOGY_INVALID", field: "autoAttendants[0].pilot", message: /expected a SIP URI user part such as dp1 or \+14255550100/ }, JSON.stringify(pilot));
  }
  t.ok(parseTopology(withPilots({ autoAttendant: `+${"1".repeat(128)}` })), "128 characters after the +");
});
