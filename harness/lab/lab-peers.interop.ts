/**
 * The embedded lab against SIP stacks nobody here wrote (docs/peers.md), on loopback only: SIPp and
 * sipsak over TCP against the Call Router's 5060, `openssl s_client` over mutual TLS on its 5061, and baresip
 * calling through the whole redirect chain (Call Router → UM service → worker) over TLS with mandatory SRTP,
 * resolving the lab's FQDNs through the lab DNS. Every assertion reads what the peer itself printed (SIPp's message
 * log, sipsak's dump, s_client's transcript, baresip's SIP trace and call log), then what the lab saw.
 * Run: `EXUM_INTEROP=1 npx tap --reporter=tap harness/lab/lab-peers.interop.ts`.
 */
import t, { type Test } from "tap";
import { BaresipLog } from "../testing/baresip-log.js";
import { startBaresip } from "../testing/baresip.js";
import { freePortRange } from "../testing/free-port.js";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { sipExchangeOverOpenssl } from "../testing/openssl-sip-exchange.js";
import { headerValue } from "../testing/sip-status.js";
import { runSipp } from "../testing/sipp.js";
import { SIPP_SDP_RTP, sippOptionsScenario, sippScenario } from "../testing/sipp-scenario.js";
import { runSipsakOptions } from "../testing/sipsak.js";
import { tempDir } from "../testing/temp-dir.js";
import { startTestLab } from "./lab-test-fixture.js";
import type { Lab } from "./lab.js";
import { defaultLoadedTopology } from "./topology/topology-default.js";
import { applyOverrides } from "./topology/topology-overrides.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const MBX2 = "mbx02.tukwila.contoso.com";
const GW = "gw01.contoso.com";

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

/** The default lab with DP1 Unsecured: the dial plan a TCP call may reach (docs/protocol.md §2 security parity). */
const unsecuredLab = () => applyOverrides(defaultLoadedTopology(), { dialPlans: [{ name: "DP1", voipSecurity: "Unsecured" }] });

/**
 * A voice-mail INVITE for bob (mailbox on mbx02) as a gateway delivers it over TCP (docs/protocol.md §8: the user's
 * voice-mail URI and a Diversion), expecting the Call Router's 302, then the ACK in the INVITE transaction. SIPp
 * itself checks the Contact against `contact` (POSIX ERE; SIPp's header value keeps the space after the colon), so
 * its exit code already says the Contact was right.
 */
function voicemailRedirectScenario(contact: string): string {
  return sippScenario("exum voice mail INVITE expecting 302", [
    {
      send: `INVITE sip:bob@${CAS}:[remote_port];transport=tcp;opaque=app:voicemail SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:gw@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:bob@contoso.com>
Call-ID: [call_id]
CSeq: 1 INVITE
Max-Forwards: 70
Contact: <sip:gw@[local_ip]:[local_port];transport=[transport]>
Diversion: <sip:bob@contoso.com>;reason=no-answer;counter=1
Content-Type: application/sdp
Content-Length: [len]

${SIPP_SDP_RTP}
`,
      retransMs: 500,
    },
    { recvResponse: 100, optional: true },
    { recvResponse: 302, expectHeader: { name: "Contact", matches: contact } },
    {
      // RFC 3261 §17.1.1.3: the ACK of a non-2xx is in the INVITE transaction: same branch ([branch-2]: the INVITE's).
      send: `ACK sip:bob@${CAS}:[remote_port];transport=tcp;opaque=app:voicemail SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch-2]
From: <sip:gw@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
[last_To:]
Call-ID: [call_id]
CSeq: 1 ACK
Max-Forwards: 70
Content-Length: 0`,
    },
  ]);
}

interopTest("SIPp over TCP against the Call Router's 5060: OPTIONS 200, voice mail INVITE → 302 to bob's Mailbox server", ["sipp"], async (t) => {
  const lab = await startTestLab(t, { topology: unsecuredLab() });
  const cas = lab.server(CAS);
  const port = lab.port(CAS, "sip-tcp");
  // runSipp aims at 127.0.0.1; SIPp's own `-rsa` sends to the Call Router's address instead (each lab server has one).
  const toCallRouter = ["-rsa", `${cas.address}:${port}`];

  await t.test("OPTIONS: 200 with Exchange's Server header (docs/protocol.md §6, §8)", async (t) => {
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port,
      scenarioXml: sippOptionsScenario({ expectHeader: { name: "Server", matches: "^ *RTCC/5\\.0\\.0\\.0 MSExchangeUM/15\\." } }),
      extraArgs: toCallRouter,
    });
    t.equal(result.code, 0, "SIPp exit code 0", { output: result.output, errors: result.errors });
    t.match(result.messages, /TCP message received[^]*SIP\/2\.0 200 OK/);
  });

  await t.test("INVITE from gw01's address: 302, Contact = bob's Mailbox FQDN, 5062, transport=Tcp (docs/protocol.md §1 step 2)", async (t) => {
    // The Request-URI's own transport=tcp is rewritten in place, spelled as the published capture spells it.
    const transport = { capitalised: "Tcp", upper: "TCP", lower: "tcp" }[lab.topology.behaviour.callRouter.contactTransport];
    const expected = `<sip:bob@${MBX2}:5062;transport=${transport};opaque=app:voicemail>`;
    // Over TCP Exchange knows a UM IP gateway by its IP address (exchange-gateway-auth.ts): SIPp binds to gw01's
    // lab address (`-i`, after runSipp's own `-i 127.0.0.1`: the last one counts), as a real gateway would call.
    const result = await runSipp({
      dir: await tempDir(t, "exum-sipp-"),
      port,
      scenarioXml: voicemailRedirectScenario(`^ *${expected.replace(/[.]/g, "\\.")}$`),
      extraArgs: [...toCallRouter, "-i", lab.server(GW).address],
    });
    t.equal(result.code, 0, "SIPp exit code 0: its own check of the Contact passed", { output: result.output, errors: result.errors });
    const redirect = /TCP message received[^\n]*\n\nSIP\/2\.0 302 [^]*?\n\n/.exec(result.messages.replace(/\r\n/g, "\n"))?.[0] ?? "";
    t.match(redirect, /^SIP\/2\.0 302 Moved Temporarily$/m, "302 as SIPp received it", { messages: result.messages });
    t.equal(/^Contact: (.*)$/m.exec(redirect)?.[1]?.trim(), expected, "the Contact as SIPp received it");
    t.match(redirect, /^Server: RTCC\/5\.0\.0\.0 MSExchangeUM\/15\./m);
    t.match(result.messages, /TCP message sent[^\n]*\n\nACK sip:bob@/, "SIPp ACKed the 302");
    t.same(lab.events.entries({ eventId: 1647 }), [], "the Call Router rejected nothing");
  });
});

interopTest("sipsak OPTIONS over TCP to the Call Router's 5060: 200", ["sipsak"], async (t) => {
  const lab = await startTestLab(t);
  const result = await runSipsakOptions({
    cwd: await tempDir(t, "exum-sipsak-"),
    port: lab.port(CAS, "sip-tcp"),
    transport: "tcp",
    // sipsak's outbound proxy (`-p`): the request goes to the Call Router's own address, the URI stays 127.0.0.1.
    extraArgs: ["-p", lab.server(CAS).address],
  });
  t.equal(result.code, 0, "sipsak exit code 0 (a 200 came back)", { output: result.output });
  t.equal(result.reply?.status, 200);
  t.match(headerValue(result.reply, "Server"), /^RTCC\/5\.0\.0\.0 MSExchangeUM\/15\./);
  t.match(headerValue(result.reply, "Allow"), "INVITE");
});

interopTest("openssl s_client over mutual TLS to the Call Router's 5061: pool certificate → 200; none → refused", ["openssl"], async (t) => {
  const lab = await startTestLab(t);
  const dir = await tempDir(t, "exum-openssl-");
  const pool = lab.pki.personas.pool;
  const exchange = (options: { cert?: { cert: string; key: string }; tlsVersion: "1.2" | "1.3" }) =>
    sipExchangeOverOpenssl({
      cwd: dir,
      host: lab.server(CAS).address,
      port: lab.port(CAS, "sip-tls"),
      caPath: lab.pki.rootCa,
      tlsVersion: options.tlsVersion,
      ...(options.cert === undefined ? {} : { certPath: options.cert.cert, keyPath: options.cert.key }),
    });
  const tlsFailures = () => lab.events.entries({ server: CAS, eventId: 1649 });

  for (const version of ["1.3", "1.2"] as const) {
    await t.test(`pool01's certificate over TLS ${version}: OPTIONS 200 (docs/protocol.md §6)`, async (t) => {
      const result = await exchange({ cert: pool, tlsVersion: version });
      t.equal(result.protocol, `TLSv${version}`, "s_client's handshake", { output: result.output });
      t.equal(result.reply?.status, 200, "200 OK", { output: result.output });
      t.match(headerValue(result.reply, "Server"), /^RTCC\/5\.0\.0\.0 MSExchangeUM\/15\./);
      t.equal(result.alert, undefined);
    });
  }

  // The lab's listener is Node's tls.Server with requestCert + rejectUnauthorized, i.e. OpenSSL's
  // SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT: a missing certificate is refused by OpenSSL itself, with the
  // same alerts Kamailio sends (docs/peers.md) — 116 certificate_required after the client's side of a TLS 1.3 handshake
  // has completed, 40 handshake_failure inside a TLS 1.2 handshake. No SIP answer either way (docs/protocol.md §5).
  await t.test("no certificate over TLS 1.3: the client's handshake completes, then alert 116, no SIP answer", async (t) => {
    const before = tlsFailures().length;
    const result = await exchange({ tlsVersion: "1.3" });
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.protocol, "TLSv1.3", "s_client printed its side of the handshake as done");
    t.equal(result.alert, 116, "certificate_required");
    t.match(tlsFailures().slice(before), [{ details: { kind: "no-client-certificate" } }], "the Call Router wrote event 1649");
  });

  await t.test("no certificate over TLS 1.2: alert 40 during the handshake, no SIP answer", async (t) => {
    const result = await exchange({ tlsVersion: "1.2" });
    t.equal(result.reply, undefined, "no answer", { output: result.output });
    t.equal(result.protocol, undefined, "the handshake never completed");
    t.equal(result.alert, 40, "handshake_failure");
  });

  // Unlike Kamailio (alert 48 unknown_ca), Node lets the handshake with an untrusted certificate finish (its verify
  // callback accepts everything, then it checks `authorized`) and destroys the socket: s_client sees the connection
  // close (TLS 1.3: "CONNECTION CLOSED BY SERVER"; TLS 1.2: an unexpected EOF) and no alert. Still no SIP answer.
  await t.test("a certificate from another CA: closed without an alert, no SIP answer, event 1649", async (t) => {
    const other = lab.pki.certificates["signed-by-other-ca"];
    if (other === undefined) throw new Error("the lab PKI lacks signed-by-other-ca");
    const before = tlsFailures().length;
    for (const version of ["1.3", "1.2"] as const) {
      const result = await exchange({ cert: other, tlsVersion: version });
      t.equal(result.reply, undefined, `TLS ${version}: no answer`, { output: result.output });
      t.equal(result.alert, undefined, `TLS ${version}: no alert, a close`);
    }
    t.match(tlsFailures().slice(before), [{ details: { kind: "untrusted-client-certificate" } }, { details: { kind: "untrusted-client-certificate" } }]);
  });
});

/** Polls `condition` every 20 ms for at most `ms`. */
async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The default lab plus DP2, a SIPSecured dial plan (pilot dp2) reached through gw01 as DP1 is. */
function securedAndSipSecuredLab() {
  return applyOverrides(defaultLoadedTopology(), {
    dialPlans: [{ name: "DP2", phoneContext: "dp2.contoso.com", voipSecurity: "SIPSecured", servers: [CAS, MBX2] }],
    umIpGateways: [{ name: "gw01", huntGroups: [{ dialPlan: "DP1" }, { dialPlan: "DP2" }] }],
  });
}

/** baresip as gw01 (its certificate: a UM IP gateway of both dial plans), SRTP mandatory, the lab DNS as its resolver. */
async function gatewayBaresip(t: Test, lab: Lab, dial: string) {
  const dns = lab.dns;
  if (dns === null) throw new Error("the lab was started without its DNS server");
  const [dir, sipPort, rtpFirst, identity] = await Promise.all([
    tempDir(t, "exum-baresip-"),
    freePortRange(2),
    freePortRange(20, { protocols: ["udp"] }),
    lab.identity("gateway"),
  ]);
  const baresip = await startBaresip({
    dir,
    sipPort,
    certPem: identity.certPem,
    keyPem: identity.keyPem,
    caPem: lab.pki.rootCaPem,
    mediaenc: "srtp-mand",
    rtpPorts: { first: rtpFirst, last: rtpFirst + 19 },
    user: "gw",
    dnsServer: `${dns.address}:${dns.port}`,
    dial,
    sipTrace: true,
  });
  t.teardown(() => baresip.stop());
  return baresip;
}

/**
 * The responses in baresip's `-s` trace, as text. Each traced message is a block: a `#` line (in colour), then
 * `TLS <from> -> <to>`, then the message; baresip is 127.0.0.1, so what it received is `-> 127.0.0.1:<port>`.
 */
function receivedResponses(log: string): string[] {
  return log
    .replace(/\r\n/g, "\n")
    .split(/\n(?=\S*#\n)/)
    .filter((block) => /^TLS \S+ -> 127\.0\.0\.1:\d+\nSIP\/2\.0 /m.test(block))
    .map((block) => block.slice(block.search(/^SIP\/2\.0 /m)));
}

interopTest("baresip (gw01, mediaenc=srtp-mand) calling through the lab over TLS, names resolved by the lab DNS", ["baresip"], async (t) => {
  const lab = await startTestLab(t, { topology: securedAndSipSecuredLab(), dns: true });

  await t.test("into the Secured dial plan: 302, 302, 200 with SRTP, AES_CM_128_HMAC_SHA1_80 (docs/protocol.md §1, §2)", async (t) => {
    const dnsBefore = lab.dns?.stats.answered ?? 0;
    // baresip appends the account's ;transport=tls itself; the port is explicit, so it asks the lab DNS for an A record.
    const baresip = await gatewayBaresip(t, lab, `sip:dp1@${CAS}:5061`);
    const call = await baresip.waitForCallEstablished(10_000);
    t.equal(call.srtpSuite, "AES_CM_128_HMAC_SHA1_80", "baresip: SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)");
    const log = baresip.logs();
    t.match(log, BaresipLog.mediaSecure, "baresip: mediaenc event 'Secure'");
    const responses = receivedResponses(log);
    const finals = responses.map((text) => /^SIP\/2\.0 (\d{3})/.exec(text)?.[1]).filter((status) => status !== "100");
    t.same(finals.slice(0, 3), ["302", "302", "200"], "the redirect chain as baresip received it", { log });
    const contacts = responses.filter((text) => text.startsWith("SIP/2.0 302")).map((text) => /^Contact: (.*)$/m.exec(text)?.[1]?.trim());
    t.same(contacts, [`<sip:dp1@${MBX1}:5063;transport=Tls>`, `<sip:dp1@${MBX1}:5066;transport=Tls>`], "Contacts: mbx01's UM service (5063), then its worker (5066)");
    t.match(responses.find((text) => text.startsWith("SIP/2.0 200") && /CSeq: \d+ INVITE/.test(text)), /^m=audio \d+ RTP\/SAVP 0[^]*^a=crypto:\d+ AES_CM_128_HMAC_SHA1_80 inline:/m, "the worker answered RTP/SAVP with one a=crypto");
    t.match(log, new RegExp(`^TLS 127\\.0\\.0\\.1:\\d+ -> ${lab.server(MBX1).address.replace(/\./g, "\\.")}:5066$`, "m"), "baresip reached the worker at mbx01's address: it resolved the Contact host through the lab DNS");
    t.ok((lab.dns?.stats.answered ?? 0) - dnsBefore >= 2, "the lab DNS answered cas01's and mbx01's lookups");
    // baresip prints "Call established" on the 200, before its ACK: wait (bounded) for the ACK to confirm the call.
    await until(() => lab.calls.active(MBX1)[0]?.state === "confirmed", 3000);
    t.match(lab.calls.active(), [{ server: MBX1, listener: "worker-tls", media: "srtp", state: "confirmed" }], "the worker holds the call, SRTP, ACKed");

    const hangUp = baresip.logOffset();
    await baresip.stop(); // SIGTERM: baresip hangs up with a BYE before it exits
    t.match(baresip.logs(hangUp), /^BYE sip:/m, "baresip sent BYE");
    t.match(lab.calls.ended(MBX1), [{ endedBy: "peer-bye", media: "srtp" }], "the worker saw the BYE");
  });

  await t.test("into the SIPSecured dial plan: the worker refuses the SRTP-required offer with 488 (docs/protocol.md §3)", async (t) => {
    const baresip = await gatewayBaresip(t, lab, `sip:dp2@${CAS}:5061`);
    const closed = await baresip.waitForLog(BaresipLog.sessionClosed, 10_000);
    const log = baresip.logs();
    const refusal = receivedResponses(log).find((text) => text.startsWith("SIP/2.0 488"));
    t.match(refusal, /^SIP\/2\.0 488 Not Acceptable Here$/m, "488 as baresip received it", { log });
    t.match(refusal, new RegExp(`^ms-diagnostics-public: \\d+;source="${MBX2.replace(/\./g, "\\.")}";reason="Incompatible security setting"$`, "m"));
    t.notMatch(log, BaresipLog.established, "no call was established");
    t.same([closed[1], closed[2]], ["488", "Not Acceptable Here"], "baresip: session closed: 488 Not Acceptable Here");
    t.match(lab.events.entries({ server: MBX2, eventId: 1021 }), [{ details: { voipSecurity: "SIPSecured", status: 488 } }], "the worker wrote event 1021");
    t.same(lab.calls.active(), [], "no call is left at the lab");
  });
});
