import t from "tap";
import { callDestinationSchema, parseCallDestination } from "./call-destination.js";

t.test("each destination form", async (t) => {
  t.same(parseCallDestination("voicemail:alice"), { kind: "voicemail", user: "alice", text: "voicemail:alice" });
  t.same(parseCallDestination("voicemail:Alice@Contoso.com"), { kind: "voicemail", user: "alice@contoso.com", text: "voicemail:Alice@Contoso.com" });
  t.same(parseCallDestination("subscriberAccess"), { kind: "subscriberAccess", key: null, text: "subscriberAccess" });
  t.same(parseCallDestination("subscriberAccess:DP1"), { kind: "subscriberAccess", key: "DP1", text: "subscriberAccess:DP1" });
  t.same(parseCallDestination("autoAttendant:Contoso AA"), { kind: "autoAttendant", key: "Contoso AA", text: "autoAttendant:Contoso AA" });
  t.same(parseCallDestination("user:bob"), { kind: "user", user: "bob", text: "user:bob" });
  t.same(parseCallDestination("bob@contoso.com"), { kind: "user", user: "bob@contoso.com", text: "bob@contoso.com" });
  t.match(parseCallDestination("pool"), { kind: "target", target: { kind: "role", role: "pool" } });
  t.match(parseCallDestination("sip:aa@contoso.com"), { kind: "target", target: { kind: "uri", uri: "sip:aa@contoso.com" } });
});

t.test("the schema accepts the forms and refuses the rest", async (t) => {
  for (const text of ["voicemail:alice", "subscriberAccess", "autoAttendant:aa", "user:bob", "bob@contoso.com", "pool", "umService:mbx03", "sip:x@y.z"]) {
    t.ok(callDestinationSchema.safeParse(text).success, text);
  }
  for (const text of ["voicemail:", "voicemail", "user", "10.0.0.5", "", "http://x", "subscriberAccess:"]) {
    t.notOk(callDestinationSchema.safeParse(text).success, text);
  }
});
