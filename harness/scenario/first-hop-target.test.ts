import t from "tap";
import { firstHopTarget } from "./first-hop-target.js";
import type { Endpoint } from "./plan.js";
import { makeRunId } from "./run-id.js";

const CAS: Endpoint = { ref: "callRouter", role: "callRouter", fqdn: "cas01.tukwila.contoso.com", port: 5061, transport: "tls", listener: "sip-tls" };

t.test("the first request goes to the first hop as its next hop, the Request-URI as written (docs/protocol.md §1, §8)", async (t) => {
  const voicemail = firstHopTarget("sip:alice@contoso.com;opaque=app:voicemail", CAS, 5061);
  t.match(voicemail, { uri: "sip:alice@contoso.com;opaque=app:voicemail", nextHop: { host: "cas01.tukwila.contoso.com", port: 5061 }, transport: "tls", user: "alice" });
  t.match(firstHopTarget("sip:dp1.contoso.com@contoso.com", CAS, 40123), { uri: "sip:dp1.contoso.com@contoso.com", nextHop: { port: 40123 } }, "a pilot; the lab's bound port");
  t.match(firstHopTarget("sip:cas01.tukwila.contoso.com:5060;transport=tcp", { ...CAS, port: 5060, transport: "tcp" }, 5060), { uri: "sip:cas01.tukwila.contoso.com:5060;transport=tcp", transport: "tcp" }, "a server itself");
  t.throws(() => firstHopTarget("sip:@@host;;", CAS, 5061), { code: "EXUM_BAD_TARGET" });
});

t.test("run ids: the start time safe for file names, and four random hex digits", async (t) => {
  t.equal(makeRunId(new Date("2024-05-01T10:22:31.456Z"), () => "3f9a"), "2024-05-01T10-22-31Z-3f9a");
  t.match(makeRunId(new Date()), /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{4}$/);
});
