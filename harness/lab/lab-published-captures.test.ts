import t from "tap";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import type { CallProbeResult } from "../model/probe-result.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

/*
 * The lab's messages against the messages Microsoft and engineers have published (docs/protocol.md §8, §10). Each test
 * quotes the capture it follows and where it comes from; what no capture shows stays a behaviour setting.
 */

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const DIVERSION = "Diversion: <sip:alice@contoso.com>;reason=no-answer";

/** The raw text of the first received response whose status line starts with `status`. */
function received(result: CallProbeResult, status: string): string {
  return result.trace.find((entry) => entry.direction === "received" && entry.firstLine.startsWith(`SIP/2.0 ${status}`))?.raw ?? "";
}

const header = (raw: string, name: string) => new RegExp(`^${name}: (.*?)\\r?$`, "mi").exec(raw)?.[1] ?? null;

t.test("Server header on Exchange responses (docs/protocol.md §8: Exchange 2016 CU23 capture)", async (t) => {
  // Published: Exchange UM *responses* carry `Server: RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017` (Exchange 2016 CU23).
  const lab = await startTestLab(t);
  const options = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, "pool"));
  t.same(options.hops[0]?.headers.server, ["RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017"], "OPTIONS 200");
  t.equal(options.hops[0]?.headers["user-agent"], undefined, "no User-Agent on a response");
  const call = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), { ...(await clientOptions(lab, "pool")), policy: "required", extraHeaders: [DIVERSION] });
  t.equal(call.outcome, "answered");
  t.same(
    call.hops.map((hop) => hop.headers.server),
    [["RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017"], ["RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017"], ["RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017"]],
    "the Call Router's 302, the UM service's 302 and the worker's 200",
  );
});

t.test("302 Contact keeps the Request-URI's parameters, the transport appended (docs/protocol.md §1 step 2: Exchange 2010 SP1 capture)", async (t) => {
  // Published: `Contact: <sip:101@pabx.local:5065;user=phone;transport=Tcp;maddr=pabx.local>` (Exchange 2010 SP1).
  const lab = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", voipSecurity: "Unsecured" }] }) });
  const target = labTarget(lab, CAS, "sip-tcp", "dp1", "");
  // The Request-URI without a transport parameter, with user=phone, as the capture's gateway sent it.
  const uri = target.uri.replace(/;transport=tcp$/, ";user=phone");
  const result = await probeCall({ ...target, uri }, { ...(await clientOptions(lab, "pool")), policy: "none" });
  t.equal(result.outcome, "answered");
  t.match(header(received(result, "302"), "Contact"), new RegExp(`^<sip:dp1@${MBX1.replaceAll(".", "\\.")}:5062;user=phone;transport=Tcp>$`));
  t.match(header(received(result, "302"), "Server"), "RTCC/5.0.0.0 MSExchangeUM/15.01.2507.017");
});

t.test("rejection reasons are sentences with details, still classified by their leading words (docs/protocol.md §10)", async (t) => {
  // Published [3P]: "the `reason` of `ms-diagnostics-public` is a sentence, possibly followed by details (e.g. for a
  // wrong hunt group `… Pilot number: <n>. UMIPGateway: <name>.`)".
  const lab = await startTestLab(t);
  const result = await probeCall(labTarget(lab, CAS, "sip-tcp", "alice", ";opaque=app:voicemail"), { ...(await clientOptions(lab, "pool")), policy: "required", extraHeaders: [DIVERSION] });
  t.match(result, { status: 403, failure: { code: "security-parity" } });
  const raw = header(received(result, "403"), "ms-diagnostics-public");
  t.equal(raw, `0;source="${CAS}";reason="Incorrect hunt group. Pilot number: alice. UMIPGateway: pool01."`);

  const names = await startTestLab(t, { topology: applyOverrides(defaultLoadedTopology(), { behaviour: { rejections: { reasonText: "name" } } }) });
  const bare = await probeCall(labTarget(names, CAS, "sip-tcp", "alice", ";opaque=app:voicemail"), { ...(await clientOptions(names, "pool")), policy: "required", extraHeaders: [DIVERSION] });
  t.match(bare, { status: 403, failure: { code: "security-parity" } });
  t.equal(bare.hops[0]?.diagnostics[0]?.reason, "IncorrectHuntGroup", "reasonText: name writes the bare reason name");
});

t.test("the worker's 200 OK and SDP answer (docs/protocol.md §10: an engineer's Kamailio → Exchange Online UM capture)", async (t) => {
  // Published: `Contact: <sip:<addr>:5061;transport=tls>;automata;text;audio;video;image`, `Session-Expires:
  // 1800;refresher=uac`, `Supported: 100rel, timer, Replaces`; SDP `o=- 85 0 IN IP4 …`, `b=CT:10000000`,
  // `a=label:main-audio`, `a=fmtp:101 0-16,36`, one `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<key>`.
  const lab = await startTestLab(t);
  const result = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), { ...(await clientOptions(lab, "pool")), policy: "required", extraHeaders: [DIVERSION] });
  t.match(result, { outcome: "answered", negotiated: { media: "srtp", mode: "Secured" } });
  const ok = received(result, "200");
  const port = lab.server(MBX1).listeners().find((listener) => listener.name === "worker-tls")?.port;
  t.equal(header(ok, "Contact"), `<sip:${MBX1}:${port};transport=tls>;automata;text;audio;video;image`);
  t.equal(header(ok, "Session-Expires"), "1800;refresher=uac");
  t.equal(header(ok, "Supported"), "100rel, timer, Replaces");
  t.equal(header(ok, "Allow"), null, "the worker sends no Allow");
  const answer = result.sdp?.answer ?? "";
  t.match(answer, /^o=- \d+ 0 IN IP4 /m);
  t.match(answer, /^b=CT:10000000\r$/m);
  t.match(answer, /^a=label:main-audio\r$/m);
  t.match(answer, /^a=fmtp:101 0-16,36\r$/m);
  // Our offer's tag 1 carries `|2^31|1:1` (docs/protocol.md §2): the answer mirrors its lifetime and MKI.
  t.match(answer, /^a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/]{40}\|2\^31\|1:1\r$/m);

  // Each detail is a behaviour setting: null leaves it out.
  const plain = await startTestLab(t, {
    topology: applyOverrides(defaultLoadedTopology(), {
      behaviour: { worker: { answer: { contactFeatures: null, sessionExpires: null, supported: null, bandwidthCt: null, label: null, telephoneEventFmtp: null } } },
    }),
  });
  const bare = await probeCall(labTarget(plain, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), { ...(await clientOptions(plain, "pool")), policy: "required", extraHeaders: [DIVERSION] });
  t.equal(bare.outcome, "answered");
  const bareOk = received(bare, "200");
  t.match(header(bareOk, "Contact"), /transport=tls>$/);
  t.equal(header(bareOk, "Session-Expires"), null);
  t.equal(header(bareOk, "Supported"), null);
  t.notMatch(bare.sdp?.answer ?? "", /^(b=CT|a=label)/m);
  t.match(bare.sdp?.answer ?? "", /^a=fmtp:101 0-16\r$/m, "the offer's events echoed");
});
