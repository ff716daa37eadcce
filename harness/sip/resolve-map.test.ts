import t from "tap";
import { createResolver, parseResolveEntry } from "./resolve-map.js";

t.test("--resolve entries parse like curl's", async (t) => {
  t.same(parseResolveEntry("CAS01.contoso.com:5061:127.0.0.2"), { host: "cas01.contoso.com", port: 5061, address: "127.0.0.2" });
  t.same(parseResolveEntry("pool.contoso.com:*:[::1]"), { host: "pool.contoso.com", port: null, address: "::1" });
  for (const bad of ["cas01:5061", "cas01:5061:notanip", "cas01:0:127.0.0.1", "cas01:70000:127.0.0.1", ""]) {
    t.throws(() => parseResolveEntry(bad), { code: "EXUM_BAD_RESOLVE", field: "--resolve" }, bad);
  }
});

t.test("entries win over DNS, exact port before wildcard; IPs pass through", async (t) => {
  const looked: string[] = [];
  const resolver = createResolver({
    entries: [parseResolveEntry("a.contoso.com:*:127.0.0.9"), parseResolveEntry("a.contoso.com:5063:127.0.0.3")],
    lookup: async (host) => {
      looked.push(host);
      return "127.0.0.200";
    },
  });
  t.equal(await resolver.resolve("A.contoso.com", 5063), "127.0.0.3");
  t.equal(await resolver.resolve("a.contoso.com", 5061), "127.0.0.9");
  t.equal(await resolver.resolve("127.0.0.7", 5061), "127.0.0.7");
  t.equal(await resolver.resolve("b.contoso.com", 5061), "127.0.0.200");
  t.same(looked, ["b.contoso.com"]);
});

t.test("a lookup that hangs is bounded", async (t) => {
  const resolver = createResolver({ lookup: () => new Promise(() => undefined), timeoutMs: 20 });
  await t.rejects(resolver.resolve("slow.contoso.com", 5061), /longer than 20 ms/);
});
