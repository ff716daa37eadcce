import t from "tap";
import { planAddresses } from "./address-plan.js";
import { nameMapResolver } from "./name-map-resolver.js";
import { NameMap, type NameChange } from "./name-map.js";
import { defaultTopology } from "../topology/topology-default.js";

const MBX = ["mbx01.tukwila.contoso.com", "mbx02.tukwila.contoso.com", "mbx03.dublin.contoso.com", "mbx04.dublin.contoso.com"] as const;

function labMap(): NameMap {
  return NameMap.fromPlan(planAddresses(defaultTopology(), { block: "127.42.7", platform: "linux" }));
}

t.test("a map from the address plan resolves every server; names compare without case or trailing dot", async (t) => {
  const map = labMap();
  t.equal(map.entries().length, 10);
  t.equal(map.resolve("cas01.tukwila.contoso.com"), "127.42.7.10");
  t.equal(map.resolve("CAS01.Tukwila.Contoso.COM."), "127.42.7.10");
  t.equal(map.resolve("mbx01.tukwila.contoso.com"), "127.42.7.11");
  t.equal(map.resolve("www.contoso.com"), undefined);
  t.ok(map.has("pool01.contoso.com"));
});

t.test("seed example 1: point the A records of servers 1 and 2 at servers 3 and 4, then back", async (t) => {
  const map = labMap();
  const changes: NameChange[] = [];
  const stop = map.onChange((change) => changes.push(change));
  map.pointAt(MBX[0], MBX[2]);
  map.pointAt(MBX[1], MBX[3]);
  t.equal(map.resolve(MBX[0]), map.resolve(MBX[2]));
  t.equal(map.resolve(MBX[1]), "127.42.7.14");
  t.same(changes, [
    { fqdn: MBX[0], previous: "127.42.7.11", address: "127.42.7.13" },
    { fqdn: MBX[1], previous: "127.42.7.12", address: "127.42.7.14" },
  ]);
  map.set(MBX[2], "127.42.7.99");
  t.equal(map.resolve(MBX[0]), "127.42.7.13", "pointAt copies the address, as an A record does");
  map.reset();
  t.equal(map.resolve(MBX[0]), "127.42.7.11");
  t.equal(map.resolve(MBX[2]), "127.42.7.13");
  stop();
  map.set(MBX[0], "127.0.0.5");
  t.equal(changes.length, 6, "2 pointAt, 1 set, 3 from reset, none after the listener stopped");
});

t.test("records can be added and removed; setting the same address is no change", async (t) => {
  const map = new NameMap();
  let events = 0;
  map.onChange(() => (events += 1));
  map.onChange(() => {
    throw new Error("a broken listener");
  });
  map.set("extra.contoso.com", "127.0.0.9");
  map.set("extra.contoso.com", "127.0.0.9");
  t.equal(events, 1);
  t.ok(map.delete("EXTRA.contoso.com"));
  t.notOk(map.delete("extra.contoso.com"));
  t.equal(map.resolve("extra.contoso.com"), undefined);
  map.set("v6.contoso.com", "::1");
  t.equal(map.resolve("v6.contoso.com"), "::1");
  map.reset();
  t.same(map.entries(), [], "reset removes what was added");
});

t.test("only loopback addresses, only known targets", async (t) => {
  const map = labMap();
  for (const address of ["10.0.0.1", "8.8.8.8", "::2", "not-an-ip", "0.0.0.0"]) {
    t.throws(() => map.set("cas01.tukwila.contoso.com", address), { code: "EXUM_LAB_NOT_LOOPBACK", exitCode: 2 }, address);
  }
  t.throws(() => new NameMap([["x.contoso.com", "192.168.1.1"]]), { code: "EXUM_LAB_NOT_LOOPBACK" });
  t.throws(() => map.pointAt(MBX[0], "mbx09.contoso.com"), { code: "EXUM_LAB_UNKNOWN_NAME", message: /mbx09\.contoso\.com is not a name of the lab/ });
});

t.test("nameMapResolver plugs the map into the SIP client's Resolver and follows changes", async (t) => {
  const map = labMap();
  const resolver = nameMapResolver(map);
  t.equal(await resolver.resolve("mbx01.tukwila.contoso.com", 5063), "127.42.7.11");
  t.equal(await resolver.resolve("127.9.9.9", 5061), "127.9.9.9", "addresses pass through");
  map.pointAt(MBX[0], MBX[2]);
  t.equal(await resolver.resolve("mbx01.tukwila.contoso.com", 5063), "127.42.7.13");
  await t.rejects(resolver.resolve("www.example.com", 5061), { code: "EXUM_LAB_UNKNOWN_NAME", message: /www\.example\.com is not a name of the lab \(NXDOMAIN\)/ });
});
