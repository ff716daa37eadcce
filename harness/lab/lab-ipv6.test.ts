import t from "tap";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import { parseSipTarget } from "../sip/sip-target.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";
const UM2010 = "um2010.contoso.com";

t.test("an IPv6 lab: every server on ::1 with ephemeral ports; 2013+ answers, Exchange 2010 cannot be reached (docs/protocol.md §1 \"IPv6\")", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { addressFamily: "ipv6" });
  const lab = await startTestLab(t, { topology });
  t.equal(lab.plan.portsReason, "ipv6");
  t.ok(lab.plan.servers.every((server) => server.address === "::1"), "one address for all");
  const ports = lab.plan.servers.flatMap((server) => lab.server(server.fqdn).listeners().filter((listener) => listener.open).map((listener) => listener.port));
  t.equal(new Set(ports).size, ports.length, "so every open listener has a port of its own (a closed one keeps only the number it once reserved, which the kernel may hand out again)");

  const options = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(options, { outcome: "ok", status: 200, tls: { tcp: { remoteAddress: "::1", localAddress: "::1" } } }, "the Call Router answers over IPv6");
  t.match(options.trace.find((entry) => entry.direction === "sent")?.raw, /\r\nVia: SIP\/2\.0\/TLS \[::1\];branch=/, "our Via carries the IPv6 literal in brackets (RFC 3261 §25.1 IPv6reference)");
  t.match(options.trace.find((entry) => entry.direction === "sent")?.raw, /\r\nContact: <sip:exum@\[::1\]:\d+;transport=tls>\r\n/, "and so does our Contact");

  const literal = parseSipTarget(`sip:[::1]:${lab.port(CAS, "sip-tcp")};transport=tcp`);
  const tcp = await probeOptions(literal, await clientOptions(lab, null));
  t.match(tcp, { outcome: "ok", status: 200, hops: [{ target: /^sip:\[::1\]:\d+;transport=tcp$/, address: "::1" }] }, "a target written as an IPv6 literal");

  const call = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    extraHeaders: ["Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1"],
  });
  t.match(call, { outcome: "answered", status: 200, negotiated: { signaling: "mtls", media: "srtp", mode: "Secured" } }, "Call Router → UM service → worker, all over ::1");
  t.equal(call.hops.length, 3);
  t.ok(call.hops.every((hop) => hop.address === "::1"));
  t.match(call.sdp?.offer, /\r\nc=IN IP6 ::1\r\n/, "the offer's c= line is IPv6");
  t.match(call.sdp?.answer, /\r\nc=IN IP6 ::1\r\n/, "and the worker's answer too");

  t.notOk(lab.server(UM2010).listeners().some((listener) => listener.open), "Exchange 2010 opens no listener on ::1");
  const old = await probeOptions(labTarget(lab, UM2010, "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(old, { outcome: "failed", status: null, failure: { code: "connection-refused" } }, "Exchange 2010 cannot be reached over IPv6");
});
