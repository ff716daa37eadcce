import t from "tap";
import { parseTargetRef, roleRefSchema, targetRefSchema } from "./target-ref.js";

t.test("roles, role:server, servers and URIs", async (t) => {
  t.same(parseTargetRef("callRouter"), { kind: "role", role: "callRouter", server: null, text: "callRouter" });
  t.same(parseTargetRef("umService:MBX03"), { kind: "role", role: "umService", server: "mbx03", text: "umService:MBX03" });
  t.same(parseTargetRef("worker:um2010.contoso.com"), { kind: "role", role: "worker", server: "um2010.contoso.com", text: "worker:um2010.contoso.com" });
  t.same(parseTargetRef("mbx03.dublin.contoso.com"), { kind: "server", server: "mbx03.dublin.contoso.com", text: "mbx03.dublin.contoso.com" });
  t.same(parseTargetRef("mbx03"), { kind: "server", server: "mbx03", text: "mbx03" });
  t.same(parseTargetRef("sip:+14255550100@gw01.contoso.com"), { kind: "uri", uri: "sip:+14255550100@gw01.contoso.com", text: "sip:+14255550100@gw01.contoso.com" });
});

t.test("addresses are refused: scenarios name roles", async (t) => {
  for (const text of ["10.0.0.5", "umService:10.0.0.5", "127.0.0.1"]) {
    const result = targetRefSchema.safeParse(text);
    t.notOk(result.success, text);
    t.match(result.error?.issues[0]?.message, /never addresses/);
  }
});

t.test("an unknown role prefix is not a target; URIs are targets but not role references", async (t) => {
  t.notOk(targetRefSchema.safeParse("umservice:mbx03").success);
  t.notOk(targetRefSchema.safeParse("").success);
  t.ok(targetRefSchema.safeParse("sips:cas01.contoso.com").success);
  t.notOk(roleRefSchema.safeParse("sip:cas01.contoso.com").success);
  t.ok(roleRefSchema.safeParse("worker:mbx01").success);
});
