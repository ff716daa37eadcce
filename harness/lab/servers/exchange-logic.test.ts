import t from "tap";
import { Core } from "sip.js";
import { buildInDialogRequest } from "./build-request.js";
import { CallStore } from "./call-store.js";
import { Teardown } from "../lab-teardown.js";
import { parseInbound } from "../net/malformed-request.js";
import { msDiagnostics, msDiagnosticsPublic } from "./ms-diagnostics-header.js";
import { nameCovers, peerNames } from "../net/peer-names.js";
import { redirectUri } from "./redirect-uri.js";
import { formatSipUriText, parseSipUriText, rawRequestUri } from "../../model/sip-uri-text.js";
import { TimerSet } from "./timer-set.js";
import { defaultLoadedTopology } from "../topology/topology-default.js";
import { applyOverrides } from "../topology/topology-overrides.js";
import { diversionOf, resolveUmCall } from "./um-call-target.js";

const MBX1 = "mbx01.tukwila.contoso.com";

t.test("redirectUri: docs/protocol.md §1 step 2, table-driven", async (t) => {
  const cases: [string, Parameters<typeof redirectUri>[1], string | null][] = [
    // The published Exchange 2010 SP1 302 (docs/protocol.md §1 step 2, §10):
    // `Contact: <sip:101@pabx.local:5065;user=phone;transport=Tcp;maddr=pabx.local>` — the Request-URI's own
    // parameters first, the transport appended after them, spelled Tcp, then maddr.
    ["sip:101@gw.local;user=phone", { host: "pabx.local", port: 5065, transport: "tcp", spelling: "capitalised", addMaddr: true }, "sip:101@pabx.local:5065;user=phone;transport=Tcp;maddr=pabx.local"],
    ["sip:alice@contoso.com;opaque=app:voicemail", { host: MBX1, port: 5063, transport: "tls", spelling: "capitalised" }, `sip:alice@${MBX1}:5063;opaque=app:voicemail;transport=Tls`],
    ["sip:alice@contoso.com;opaque=app:voicemail", { host: MBX1, port: 5063, transport: "tls", spelling: "upper", position: "first" }, `sip:alice@${MBX1}:5063;transport=TLS;opaque=app:voicemail`],
    ["sip:alice@cas01.tukwila.contoso.com:5061;transport=tls;opaque=app:voicemail;maddr=127.0.0.9", { host: MBX1, port: 5063, transport: "tls", spelling: "upper" }, `sip:alice@${MBX1}:5063;transport=TLS;opaque=app:voicemail;maddr=${MBX1}`],
    ["sip:dp1@cas01:5060;transport=tcp", { host: MBX1, port: 5062, transport: "tcp", spelling: "lower" }, `sip:dp1@${MBX1}:5062;transport=tcp`],
    ["sip:cas01.tukwila.contoso.com", { host: MBX1, port: 5062, transport: "tcp", spelling: "upper" }, `sip:${MBX1}:5062;transport=TCP`],
    ["tel:+14255550100", { host: MBX1, port: 5062, transport: "tcp", spelling: "upper" }, null],
  ];
  for (const [input, options, expected] of cases) t.equal(redirectUri(input, options), expected, input);
});

t.test("SIP URI text: split and joined back unchanged; the raw Request-URI", async (t) => {
  for (const text of ["sip:a@b.c:5061;transport=Tls;maddr=x", "sips:b.c", "sip:+1425;phone-context=x@b.c;user=phone", "sip:[::1]:5060?subject=x"]) {
    const parsed = parseSipUriText(text);
    t.ok(parsed, text);
    if (parsed !== null) t.equal(formatSipUriText(parsed), text);
  }
  t.equal(parseSipUriText("mailto:a@b"), null);
  t.equal(rawRequestUri("INVITE sip:Alice@X;transport=Tls SIP/2.0\r\nVia: x\r\n\r\n"), "sip:Alice@X;transport=Tls");
});

t.test("resolveUmCall: call answering, pilots, diversion, failures (docs/protocol.md §5, §8)", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { users: [{ sipAddress: "bob@contoso.com", umEnabled: false }] });
  const pool = topology.umIpGateways.find((g) => g.name === "pool01") ?? null;
  const gw = topology.umIpGateways.find((g) => g.name === "gw01") ?? null;
  const resolve = (requestUri: string, diversion: string | null = null, gateway = pool) => resolveUmCall({ topology, requestUri, diversion, gateway });
  t.match(resolve("sip:alice@contoso.com;opaque=app:voicemail", "<sip:alice@contoso.com>"), { ok: true, target: { kind: "call-answering", mailboxServer: MBX1, dialPlan: { name: "DP1" } } });
  t.match(resolve("sip:alice@contoso.com;opaque=app:voicemail"), { ok: false, reason: "InvalidDiversionFormat", dialPlan: { name: "DP1" } });
  t.match(resolve("sip:bob@contoso.com;opaque=app:voicemail", "<sip:bob@contoso.com>"), { ok: false, reason: "MailboxIsNotUMEnabled" });
  t.match(resolve("sip:zed@contoso.com;opaque=app:voicemail", "<sip:zed@contoso.com>"), { ok: false, reason: "CouldNotFindUserBySipUri" });
  t.match(resolve("sip:dp1.contoso.com@contoso.com"), { ok: true, target: { kind: "subscriber-access", dialPlan: { name: "DP1" } } }, "Microsoft's example form");
  t.match(resolve("sip:DP1@cas01"), { ok: true, target: { kind: "subscriber-access" } });
  t.match(resolve("sip:aa@cas01"), { ok: true, target: { kind: "auto-attendant", mailboxServer: MBX1 } });
  t.match(resolve("sip:dp1@cas01", "<sip:1001@contoso.com>"), { ok: true, target: { kind: "call-answering", user: { sipAddress: "alice@contoso.com" } } }, "a pilot with a Diversion naming an extension");
  t.match(resolve("sip:dp2010@cas01", null, gw), { ok: false, reason: "DialPlanNotFound" }, "gw01 has no hunt group for DP2010");
  t.match(resolve("sip:carol@contoso.com;opaque=app:voicemail", "<sip:carol@contoso.com>", gw), { ok: false, reason: "DialPlanNotFound" });
  t.match(resolve("sips"), { ok: false, reason: "InvalidRequest" });
  t.equal(diversionOf((name) => (name === "diversion" ? "<sip:a@b>;reason=x, <sip:c@d>" : undefined)), "<sip:a@b>;reason=x");
  t.equal(diversionOf((name) => (name === "history-info" ? "<sip:a@b>;index=1" : undefined)), "<sip:a@b>;index=1");
  t.equal(diversionOf(() => undefined), null);
});

t.test("peer certificate names and wildcard SANs (docs/protocol.md §5)", async (t) => {
  const summary = { subject: "", commonName: "Pool01.contoso.com", san: ["DNS:pool01.contoso.com", "DNS:*.dublin.contoso.com", "IP Address:127.0.0.1"], issuer: "", validFrom: "", validTo: "", fingerprint256: "", serialNumber: "" };
  t.same(peerNames(summary), ["pool01.contoso.com", "*.dublin.contoso.com"]);
  t.same(peerNames(null), []);
  t.ok(nameCovers("*.dublin.contoso.com", "mbx03.dublin.contoso.com"));
  t.notOk(nameCovers("*.dublin.contoso.com", "a.mbx03.dublin.contoso.com"));
  t.notOk(nameCovers("*.dublin.contoso.com", "dublin.contoso.com"));
  t.ok(nameCovers("POOL01.contoso.com", "pool01.contoso.com"));
});

t.test("parseInbound: valid, missing headers, garbage, responses", async (t) => {
  const ok = "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  t.equal(parseInbound(ok).kind, "request");
  t.equal(parseInbound("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>;tag=2\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").kind, "response");
  t.match(parseInbound(ok.replace("From: <sip:x@y>;tag=1\r\n", "")), { kind: "bad-request", reply: /^SIP\/2\.0 400 Bad Request/ });
  t.match(parseInbound(ok.replace("v", "v")).kind, "request");
  t.match(parseInbound(ok.replace("Via: SIP/2.0/TCP h;branch=z9hG4bK1\r\n", "")), { kind: "bad-request", reply: null }, "no Via: nobody to answer");
  t.match(parseInbound(ok.replace(/^OPTIONS/, "ACK").replace("1 OPTIONS", "1 ACK").replace("Call-ID: c\r\n", "")), { kind: "bad-request", reply: null }, "never answer an ACK");
  t.match(parseInbound("\u0000\u0001garbage\r\n\r\n"), { kind: "garbage" });
  const compact = "OPTIONS sip:a@b SIP/2.0\r\nv: SIP/2.0/TCP h;branch=z9hG4bK1\r\nf: <sip:x@y>;tag=1\r\nt: <sip:a@b>\r\nCSeq: 1 OPTIONS\r\n\r\n";
  t.match(parseInbound(compact), { kind: "bad-request", reply: /\r\nVia: SIP\/2\.0\/TCP h;branch=z9hG4bK1\r\nFrom: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCSeq: 1 OPTIONS\r\n/ });
});

t.test("buildInDialogRequest: the worker's BYE (RFC 3261 §12.2.1.1)", async (t) => {
  const invite = Core.Parser.parseMessage(
    "INVITE sip:alice@mbx01 SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\nFrom: <sip:exum@pool01.contoso.com>;tag=abc\r\nTo: <sip:alice@mbx01>\r\nCall-ID: call-1\r\nCSeq: 1 INVITE\r\nContact: <sip:exum@127.0.0.1:40000;transport=tls>\r\nContent-Length: 0\r\n\r\n",
    { error: () => undefined, warn: () => undefined, log: () => undefined, debug: () => undefined } as unknown as Parameters<typeof Core.Parser.parseMessage>[1],
  ) as Core.IncomingRequestMessage;
  const calls = new CallStore();
  const call = calls.add({ callId: "call-1", server: MBX1, listener: "worker-tls", invite, localTag: "xyz", socket: undefined as never });
  const bye = buildInDialogRequest(call, { method: "BYE", host: MBX1, transport: "tls", userAgent: "MSExchangeUM/15" });
  t.match(bye, /^BYE sip:exum@127\.0\.0\.1:40000;transport=tls SIP\/2\.0\r\nVia: SIP\/2\.0\/TLS mbx01\.tukwila\.contoso\.com;branch=z9hG4bK/);
  t.match(bye, /\r\nFrom: <sip:alice@mbx01>;tag=xyz\r\nTo: <sip:exum@pool01\.contoso\.com>;tag=abc\r\nCall-ID: call-1\r\nCSeq: 1 BYE\r\n/);
  t.match(buildInDialogRequest(call, { method: "BYE", host: MBX1, transport: "tls" }), /CSeq: 2 BYE/);
  const seen: string[] = [];
  calls.subscribe((c) => seen.push(c.state));
  calls.update(call, "answered", "srtp");
  calls.end(call, "server-bye");
  calls.end(call, "peer-bye");
  t.same(seen, ["answered", "ended"]);
  t.match(calls.ended(MBX1), [{ endedBy: "server-bye", media: "srtp" }]);
});

t.test("ms-diagnostics headers quote what they carry", async (t) => {
  t.equal(msDiagnosticsPublic(0, MBX1, 'a "b"'), `ms-diagnostics-public: 0;source="${MBX1}";reason="a \\"b\\""`);
  t.equal(msDiagnostics(15000, "x", "pool", "ExumRouting"), 'ms-diagnostics: 15000;reason="x";source="pool";appName="ExumRouting"');
});

t.test("Teardown: reverse order, a failing or slow step does not stop the others", async (t) => {
  const teardown = new Teardown();
  const order: string[] = [];
  teardown.add("first", () => void order.push("first"));
  teardown.add("throws", () => {
    throw new Error("boom");
  });
  teardown.add("hangs", () => new Promise<void>(() => undefined));
  teardown.add("last", () => void order.push("last"));
  const problems = await teardown.run(100);
  t.same(order, ["last", "first"]);
  t.same(
    problems.map((p) => p.step),
    ["hangs", "throws"],
  );
  t.same(await teardown.run(100), [], "runs once");
});

t.test("TimerSet: close cancels and runs onCancel; later schedules cancel at once", async (t) => {
  const timers = new TimerSet();
  let ran = 0;
  let cancelled = 0;
  timers.schedule(1, () => ran++);
  timers.schedule(10_000, () => ran++, () => cancelled++);
  const stop = timers.schedule(5, () => ran++);
  stop();
  await new Promise((resolve) => setTimeout(resolve, 30));
  timers.close();
  timers.schedule(1, () => ran++, () => cancelled++);
  t.equal(ran, 1);
  t.equal(cancelled, 2);
  t.ok(timers.closed);
});
