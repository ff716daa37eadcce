import t from "tap";
import { probeCall } from "../../sip/call-probe.js";
import { probeOptions } from "../../sip/options-probe.js";
import type { MediaPolicy } from "../../sdp/media-policy.js";
import type { SrtpMode } from "../../model/srtp-mode.js";
import { clientOptions, labTarget, startTestLab } from "../lab-test-fixture.js";
import type { Lab } from "../lab.js";
import { mediationHandler } from "./sim-mediation.js";
import type { CallOutcome } from "./call-answerer.js";
import { defaultLoadedTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";

const MED = "med01.contoso.com";
const DIAL = "+14255550100";

const trunk = (trunkSettings: { srtpMode?: SrtpMode; transport?: "tls" | "tcp" }) =>
  applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: MED, trunk: trunkSettings }] });

/** A call from the gateway persona into 5067 (TLS) or 5068 (TCP) with an offer for `policy`. */
async function fromGateway(lab: Lab, listener: "gateway-tls" | "gateway-tcp", policy: MediaPolicy) {
  return probeCall(labTarget(lab, MED, listener, DIAL), { ...(await clientOptions(lab, "gateway")), policy });
}

t.test("OPTIONS on each listener: 5070 from the pool, 5067 TLS and 5068 TCP from the gateway (docs/protocol.md §1, §6)", async (t) => {
  const lab = await startTestLab(t);
  const fromPool = await probeOptions(labTarget(lab, MED, "pool-mtls", null), await clientOptions(lab, "pool"));
  t.match(fromPool, { outcome: "ok", status: 200, hops: [{ signaling: "mtls", port: 5070 }] });
  t.match(fromPool.hops[0]?.headers, { server: ["RTCC/7.0.0.0 MediationServer"], allow: ["INVITE, ACK, BYE, CANCEL, OPTIONS"] });
  const tls = await probeOptions(labTarget(lab, MED, "gateway-tls", null), await clientOptions(lab, "gateway"));
  t.match(tls, { outcome: "ok", status: 200, hops: [{ signaling: "mtls", port: 5067 }] });
  const tcp = await probeOptions(labTarget(lab, MED, "gateway-tcp", null), await clientOptions(lab, null));
  t.match(tcp, { outcome: "ok", status: 200, hops: [{ signaling: "tcp", port: 5068 }] });
});

t.test("peers per listener [INF]: the gateway on 5070 and the pool on 5067 → 403 + ms-diagnostics; another CA → TLS abort", async (t) => {
  const lab = await startTestLab(t);
  const gatewayOnPoolSide = await probeOptions(labTarget(lab, MED, "pool-mtls", null), await clientOptions(lab, "gateway"));
  t.match(gatewayOnPoolSide, { status: 403, hops: [{ diagnostics: [{ header: "ms-diagnostics", code: 1099, component: "sip-stack", source: MED }] }] });
  const poolOnGatewaySide = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "pool")), policy: "required" });
  t.match(poolOnGatewaySide, { outcome: "failed", status: 403, failure: { code: "rejected" } });
  for (const listener of ["pool-mtls", "gateway-tls"] as const) {
    const untrusted = await probeOptions(labTarget(lab, MED, listener, null), await clientOptions(lab, "signed-by-other-ca"));
    t.match(untrusted, { status: null, failure: { code: "tls-client-cert-rejected" } }, listener);
  }
});

t.test("SRTPMode Required (default) on 5067: SRTP answered; an RTP-only offer refused", async (t) => {
  const lab = await startTestLab(t);
  const required = await fromGateway(lab, "gateway-tls", "required");
  t.match(required, { outcome: "answered", status: 200, negotiated: { signaling: "mtls", media: "srtp", suite: "AES_CM_128_HMAC_SHA1_80", profile: "RTP/SAVP", mode: "Secured" } });
  t.match(required.hops[0]?.headers, { server: ["RTCC/7.0.0.0 MediationServer"], contact: [/sip:med01\.contoso\.com:5067;transport=tls/] });
  const optional = await fromGateway(lab, "gateway-tls", "optional");
  t.match(optional, { outcome: "answered", negotiated: { media: "srtp", profile: "RTP/SAVP" } }, "optional offer (RTP/AVP + a=crypto) taken as SRTP");
  const none = await fromGateway(lab, "gateway-tls", "none");
  t.match(none, { outcome: "failed", status: 488, failure: { code: "srtp-required-by-peer" } });
  t.match(none.hops[0]?.diagnostics, [{ header: "ms-diagnostics", code: 10099, component: "mediation-server", source: MED, reason: "Encryption levels not compatible" }]);
});

t.test("SRTPMode Optional: SRTP when offered, RTP otherwise", async (t) => {
  const lab = await startTestLab(t, { topology: trunk({ srtpMode: "Optional" }) });
  t.match(await fromGateway(lab, "gateway-tls", "required"), { outcome: "answered", negotiated: { media: "srtp", profile: "RTP/SAVP" } });
  t.match(await fromGateway(lab, "gateway-tls", "optional"), { outcome: "answered", negotiated: { media: "srtp", profile: "RTP/SAVP" } });
  t.match(await fromGateway(lab, "gateway-tls", "none"), { outcome: "answered", negotiated: { media: "rtp", profile: "RTP/AVP", mode: "SIPSecured" } });
});

t.test("SRTPMode NotSupported: RTP only; an SRTP-required offer refused as incompatible-security-setting", async (t) => {
  const lab = await startTestLab(t, { topology: trunk({ srtpMode: "NotSupported" }) });
  t.match(await fromGateway(lab, "gateway-tls", "none"), { outcome: "answered", negotiated: { media: "rtp" } });
  t.match(await fromGateway(lab, "gateway-tls", "optional"), { outcome: "answered", negotiated: { media: "rtp", profile: "RTP/AVP" } });
  const required = await fromGateway(lab, "gateway-tls", "required");
  t.match(required, { outcome: "failed", status: 488, reason: "Not Acceptable Here", failure: { code: "incompatible-security-setting" } });
  t.match(required.hops[0]?.diagnostics, [{ code: 10099, component: "mediation-server" }]);
});

t.test("TCP on 5068: NotSupported forced whatever the trunk says (docs/protocol.md §2)", async (t) => {
  const lab = await startTestLab(t); // trunk SRTPMode Required
  t.match(await fromGateway(lab, "gateway-tcp", "none"), { outcome: "answered", negotiated: { signaling: "tcp", media: "rtp", mode: "Unsecured" } });
  t.match(await fromGateway(lab, "gateway-tcp", "optional"), { outcome: "answered", negotiated: { media: "rtp" } });
  const required = await fromGateway(lab, "gateway-tcp", "required");
  t.match(required, { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" } });
});

t.test("a trunk declared TCP is NotSupported on 5067 too", async (t) => {
  const lab = await startTestLab(t, { topology: trunk({ transport: "tcp", srtpMode: "Required" }) });
  t.match(await fromGateway(lab, "gateway-tls", "required"), { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" } });
  t.match(await fromGateway(lab, "gateway-tls", "none"), { outcome: "answered", negotiated: { media: "rtp" } });
});

t.test("5070 from the pool: the pool's EncryptionLevel [INF] (RequireEncryption in the default lab)", async (t) => {
  const lab = await startTestLab(t);
  const options = await clientOptions(lab, "pool");
  t.match(await probeCall(labTarget(lab, MED, "pool-mtls", DIAL), { ...options, policy: "required" }), { outcome: "answered", negotiated: { media: "srtp" } });
  t.match(await probeCall(labTarget(lab, MED, "pool-mtls", DIAL), { ...options, policy: "none" }), { outcome: "failed", status: 488, failure: { code: "srtp-required-by-peer" } });
});

t.test("ACK, BYE, CANCEL: the lab's call store sees each call end the way it did", async (t) => {
  const outcomes: CallOutcome[] = [];
  const lab = await startTestLab(t, { roles: { mediation: mediationHandler({ onCall: (outcome) => outcomes.push(outcome) }) } });
  const answered = await fromGateway(lab, "gateway-tls", "required");
  t.match(answered, { outcome: "answered", endedBy: "us" });
  t.match(lab.calls.ended(MED).at(-1), { state: "ended", endedBy: "peer-bye", media: "srtp", listener: "gateway-tls" });

  lab.setCallTiming(MED, { answerAfterMs: 30_000 });
  // The answer is held far past the bound, so the bound can be generous: the 100 and 180 must arrive within it.
  const cancelled = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "gateway")), policy: "required", timeoutMs: 2500 });
  t.match(cancelled, { outcome: "failed", failure: { code: "no-response" } });
  t.same(
    cancelled.trace.map((e) => `${e.direction} ${e.firstLine.startsWith("SIP/2.0") ? e.firstLine.split(" ").slice(0, 2).join(" ") : e.firstLine.split(" ")[0]}`),
    ["sent INVITE", "received SIP/2.0 100", "received SIP/2.0 180", "sent CANCEL", "received SIP/2.0 200", "received SIP/2.0 487", "sent ACK"],
    "RFC 3261 §9.2: 200 to the CANCEL, 487 to the INVITE",
  );
  await until(() => lab.calls.ended(MED).at(-1)?.endedBy === "cancel");
  t.match(lab.calls.ended(MED).at(-1), { endedBy: "cancel" });

  lab.setCallTiming(MED, { answerAfterMs: 0, byeAfterMs: 100 });
  const farEnd = await probeCall(labTarget(lab, MED, "gateway-tls", DIAL), { ...(await clientOptions(lab, "gateway")), policy: "required", holdMs: 3000 });
  t.match(farEnd, { outcome: "failed", endedBy: "peer", failure: { code: "peer-ended-call" } });
  t.match(farEnd.trace.find((e) => e.direction === "received" && e.firstLine.startsWith("BYE"))?.raw, /^User-Agent: RTCC\/7\.0\.0\.0 MediationServer\r?$/m);
  t.match(lab.calls.ended(MED).at(-1), { endedBy: "server-bye" });
  t.same(
    outcomes.map((o) => o.kind),
    ["answered", "cancelled", "answered"],
  );
});

t.test("the refusal is a setting: status, code, reason; Server from behaviour.userAgents.mediation", async (t) => {
  const lab = await startTestLab(t, {
    topology: trunk({ srtpMode: "NotSupported" }),
    roles: { mediation: mediationHandler({ notAcceptable: { status: 606, reason: "Not Acceptable", diagnosticsCode: 10555, diagnosticsReason: "custom" } }) },
  });
  lab.topology.behaviour.userAgents.mediation = "RTCC/6.0.0.0 MediationServer";
  const result = await fromGateway(lab, "gateway-tls", "required");
  t.match(result, { status: 606, failure: { code: "incompatible-security-setting" } });
  t.match(result.hops[0]?.diagnostics, [{ code: 10555, reason: "custom", source: MED }]);
  t.match(result.hops[0]?.headers, { server: ["RTCC/6.0.0.0 MediationServer"] });
});

async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Sends raw requests over one TCP connection and collects the status lines (and bodies) that come back. */
async function rawExchange(address: string, port: number, requests: string[], finals: number): Promise<string[]> {
  const { connect } = await import("node:net");
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port }, () => socket.write(requests.join("")));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no ${finals} final responses in 3 s: ${text}`));
    }, 3000);
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8");
      const statuses = [...text.matchAll(/^SIP\/2\.0 (\d{3})/gm)].map((m) => m[1] ?? "");
      if (statuses.filter((s) => !s.startsWith("1")).length >= finals) {
        clearTimeout(timer);
        socket.end();
        resolve(text.split(/(?=^SIP\/2\.0 )/m));
      }
    });
    socket.on("error", reject);
  });
}

function rawRequest(method: string, callId: string, cseq: number, extra: { toTag?: string; body?: string; contentType?: string } = {}): string {
  const body = extra.body ?? "";
  return [
    `${method} sip:${DIAL}@${MED}:5068;transport=tcp SIP/2.0`,
    `Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK${callId}${cseq}${method}`,
    "Max-Forwards: 70",
    `From: <sip:gw@gw01.contoso.com>;tag=raw${cseq}`,
    `To: <sip:${DIAL}@${MED}>${extra.toTag === undefined ? "" : `;tag=${extra.toTag}`}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} ${method}`,
    "Contact: <sip:gw@127.0.0.1:5999;transport=tcp>",
    ...(body === "" ? [] : [`Content-Type: ${extra.contentType ?? "application/sdp"}`]),
    `Content-Length: ${Buffer.byteLength(body)}`,
    "",
    body,
  ].join("\r\n");
}

t.test("edges over raw TCP: late offer, a body that is not SDP, unknown dialogs, unknown methods", async (t) => {
  const lab = await startTestLab(t);
  const med = lab.server(MED);
  const port = lab.port(MED, "gateway-tcp");
  const [trying, lateOffer] = await rawExchange(med.address, port, [rawRequest("INVITE", "late1", 1)], 1);
  t.match(trying, /^SIP\/2\.0 100 Trying/);
  t.match(lateOffer, /^SIP\/2\.0 200 OK[\s\S]*m=audio \d+ RTP\/AVP 0 101/, "no offer: ours in the 200 (RFC 3264 §4), RTP only on TCP");
  const replies = await rawExchange(
    med.address,
    port,
    [
      rawRequest("INVITE", "bad1", 1, { body: "this is not SDP", contentType: "text/plain" }),
      rawRequest("BYE", "nosuch", 2, { toTag: "x" }),
      rawRequest("CANCEL", "nosuch2", 1),
      rawRequest("INFO", "info1", 1),
      rawRequest("INVITE", "nosuch3", 1, { toTag: "x", body: "" }),
    ],
    5,
  );
  const finals = replies.map((r) => /^SIP\/2\.0 (\d{3})/.exec(r)?.[1]).filter((s) => s !== undefined && !s.startsWith("1"));
  t.same(finals, ["400", "481", "481", "405", "481"], "not SDP → 400; BYE/CANCEL/re-INVITE of no dialog → 481; INFO → 405");
  t.match(replies.find((r) => r.startsWith("SIP/2.0 405")), /^Allow: INVITE, ACK, BYE, CANCEL, OPTIONS\r?$/m);
});

t.test("a fax offer (T.38 only) is refused on every listener: faxing is not supported through a Mediation Server (docs/protocol.md §8)", async (t) => {
  const lab = await startTestLab(t);
  for (const [listener, persona] of [["gateway-tls", "gateway"], ["gateway-tcp", null], ["pool-mtls", "pool"]] as const) {
    const fax = await probeCall(labTarget(lab, MED, listener, DIAL), { ...(await clientOptions(lab, persona)), policy: "none", offer: "fax" });
    t.match(fax, { outcome: "failed", status: 488, failure: { code: "fax-not-supported" }, negotiated: null }, listener);
    t.match(fax.sdp?.offer, /\r\nm=image \d+ udptl t38\r\n/, "the offer is T.38 over UDPTL");
    t.notMatch(fax.sdp?.offer, /m=audio/, "and nothing else");
    t.match(fax.hops[0]?.diagnostics, [{ header: "ms-diagnostics", code: 10098, component: "mediation-server", source: MED }]);
  }
  const settings = applyOverrides(defaultLoadedTopology(), { behaviour: { mediation: { faxOffer: { status: 415, reason: "Unsupported Media Type" } } } });
  const other = await startTestLab(t, { topology: settings });
  const refused = await probeCall(labTarget(other, MED, "gateway-tls", DIAL), { ...(await clientOptions(other, "gateway")), policy: "none", offer: "fax" });
  t.match(refused, { status: 415, failure: { code: "fax-not-supported" } }, "the answer is a topology setting; 415 is classified the same");
});
