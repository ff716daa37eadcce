import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import t, { type Test } from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { ALICE_DIVERSION, poolFqdn, probeLab, routerFqdn, VOICEMAIL_PARAMS } from "../testing/probe-fixture.js";
import { tempDir } from "../testing/temp-dir.js";
import { callCommand } from "./call-command.js";
import type { CliCommand } from "./cli-command.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { optionsCommand } from "./options-command.js";
import { toPfx } from "../pki/pfx.js";
import { probeOutputSchema } from "../model/probe-result-schema.js";

const registry = [optionsCommand, callCommand] as unknown as CliCommand<never>[];

async function exum(args: string[], cwd?: string) {
  const io = memoryIo({ cwd });
  const code = await dispatch(args, io, registry);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/**
 * The embedded lab, and the flags that play the pool persona against it: its lab certificate, the lab root, and a
 * `--resolve` entry per lab server (the 302s lead from the Call Router to mbx01's UM service and worker).
 */
async function setUp(t: Test, topology?: unknown) {
  const fixture = await probeLab(t, topology === undefined ? {} : { topology });
  const { pki, lab } = fixture;
  const identity = ["--cert", pki.personas.pool.chain, "--key", pki.personas.pool.key, "--ca", pki.rootCa];
  const resolve = [...lab.servers.values()].flatMap((server) => ["--resolve", `${server.fqdn}:*:${server.address}`]);
  const options = `${routerFqdn}:${fixture.routerPort}`;
  /** alice's voice mail through the Call Router (docs/protocol.md §8: opaque=app:voicemail and a Diversion). */
  const call = [`sip:alice@${routerFqdn}:${fixture.routerPort}${VOICEMAIL_PARAMS}`, "--header", ALICE_DIVERSION];
  return { ...fixture, identity, resolve, options, call };
}

t.test("exum options --json: the documented top-level fields, exit 0", async (t) => {
  const { options, identity, resolve } = await setUp(t);
  const { code, stdout } = await exum(["options", options, ...identity, ...resolve, "--json"]);
  t.equal(code, ExitCode.Ok);
  t.ok(probeOutputSchema.safeParse(JSON.parse(stdout)).success, "the output is what docs/probe.schema.json describes, schemaVersion 1");
  const result = JSON.parse(stdout);
  t.match(result, {
    outcome: "ok",
    status: 200,
    failure: null,
    tls: { version: String, cipher: { name: String }, peer: { subject: String, san: [routerFqdn], issuer: String, validTo: String }, clientCertificate: { sent: true, accepted: true } },
    hops: [{ target: String, status: 200 }],
  });
});

t.test("exum call text output names the negotiated mode; exit 0", async (t) => {
  const { call, identity, resolve } = await setUp(t);
  const { code, stdout } = await exum(["call", ...call, ...identity, ...resolve, "--encryption", "requireencryption"]);
  t.equal(code, ExitCode.Ok, stdout);
  t.match(stdout, /^ANSWERED {2}CALL → 200 OK/);
  t.match(stdout, /negotiated: signalling mtls, media SRTP AES_CM_128_HMAC_SHA1_80 \(tag 1\), profile RTP\/SAVP → Exchange mode Secured/);
  t.match(stdout, /hop 1: INVITE .* → 302 Moved Temporarily/);
  t.match(stdout, /client certificate: asked for yes; sent yes; accepted yes/);
});

t.test("exum call 'sip:alice@contoso.com;opaque=app:voicemail' --next-hop <Call Router>: the README's voice-mail example", async (t) => {
  const { identity, resolve, routerPort } = await setUp(t);
  const args = ["call", `sip:alice@contoso.com${VOICEMAIL_PARAMS}`, "--next-hop", `${routerFqdn}:${routerPort}`, "--header", ALICE_DIVERSION, ...identity, ...resolve];
  const { code, stdout } = await exum([...args, "--json"]);
  t.equal(code, ExitCode.Ok, stdout);
  const result = JSON.parse(stdout);
  t.ok(probeOutputSchema.safeParse(result).success, "a call's --json is what docs/probe.schema.json describes");
  t.match(result, { schemaVersion: 2, outcome: "answered", negotiated: { mode: "Secured" }, hops: [{ target: `sip:alice@contoso.com${VOICEMAIL_PARAMS}`, status: 302 }, { status: 302 }, { status: 200 }] });
  t.equal(result.hops[0].tls.verification.verifiedName, routerFqdn);
  const bad = await exum(["call", `sip:alice@contoso.com${VOICEMAIL_PARAMS}`, "--next-hop", "alice@cas01", ...identity]);
  t.equal(bad.code, ExitCode.BadInput);
  t.match(bad.stderr, /--next-hop "alice@cas01" is not a host\[:port\]/);
});

t.test("exum call --json: negotiated and hops; a failure exits 1", async (t) => {
  // A SIPSecured dial plan: the worker does not support SRTP (docs/protocol.md §2).
  const { call, identity, resolve } = await setUp(t, { dialPlans: [{ name: "DP1", voipSecurity: "SIPSecured" }] });
  const { code, stdout } = await exum(["call", ...call, ...identity, ...resolve, "--json"]);
  t.equal(code, ExitCode.Failed);
  t.match(JSON.parse(stdout), { outcome: "failed", status: 488, failure: { code: "incompatible-security-setting" }, hops: [{ status: 302 }, { status: 302 }, { status: 488 }] });
  const rtp = await exum(["call", ...call, ...identity, ...resolve, "--encryption", "SupportEncryption", "--json"]);
  t.equal(rtp.code, ExitCode.Ok);
  t.match(JSON.parse(rtp.stdout).negotiated, { signaling: "mtls", media: "rtp", suite: null, mode: "SIPSecured" });
  const trunk = await exum(["call", ...call, ...identity, ...resolve, "--srtp-mode", "Optional", "--json"]);
  t.match(JSON.parse(trunk.stdout).negotiated, { media: "rtp" });
});

t.test("--pfx with --passphrase presents the same identity; a wrong passphrase exits 2", async (t) => {
  const { options, lab, pki, seen, resolve } = await setUp(t);
  const pool = await lab.identity("pool");
  const dir = await tempDir(t);
  const pfx = join(dir, "pool.pfx");
  await writeFile(pfx, toPfx({ chainPem: pool.certPem, keyPem: pool.keyPem }, "s3cret", poolFqdn));
  const ok = await exum(["options", options, "--pfx", pfx, "--passphrase", "s3cret", "--ca", pki.rootCa, ...resolve, "--json"]);
  t.equal(ok.code, ExitCode.Ok, ok.stderr);
  t.match(JSON.parse(ok.stdout), { tls: { clientCertificate: { sent: true, accepted: true } } });
  t.equal(seen.at(-1)?.peerCn, poolFqdn);
  const wrong = await exum(["options", options, "--pfx", pfx, "--passphrase", "nope", ...resolve]);
  t.equal(wrong.code, ExitCode.BadInput);
  t.match(wrong.stderr, /EXUM_PFX_PASSPHRASE/);
  t.notMatch(wrong.stderr, /at .*\.ts:\d+/, "no stack trace");
});

t.test("--insecure is marked loudly in text and JSON", async (t) => {
  const { options, identity, resolve } = await setUp(t);
  const text = await exum(["options", options, ...identity.slice(0, 4), ...resolve, "--insecure"]);
  t.match(text.stdout, /^!!! INSECURE/);
  const json = await exum(["options", options, ...identity.slice(0, 4), ...resolve, "--insecure", "--json"]);
  t.match(JSON.parse(json.stdout), { insecure: true, warnings: [/--insecure/] });
});

t.test("--keylog writes NSS key log lines with mode 0600", async (t) => {
  const { options, identity, resolve } = await setUp(t);
  const dir = await tempDir(t);
  const file = join(dir, "keys.log");
  const { code } = await exum(["options", options, ...identity, ...resolve, "--keylog", file]);
  t.equal(code, ExitCode.Ok);
  const text = await readFile(file, "utf8");
  t.match(text, /^(CLIENT_HANDSHAKE_TRAFFIC_SECRET|SERVER_HANDSHAKE_TRAFFIC_SECRET|CLIENT_RANDOM) [0-9a-f]{64} [0-9a-f]+$/m);
});

t.test("--log-file writes JSON lines with no private key in them", async (t) => {
  const { options, identity, resolve, lab } = await setUp(t);
  const dir = await tempDir(t);
  const file = join(dir, "exum.log");
  await exum(["options", options, ...identity, ...resolve, "--log-file", file, "--log-level", "silent"]);
  const text = await readFile(file, "utf8");
  const keyBody = (await lab.identity("pool")).keyPem.split("\n")[1] ?? "never";
  t.notMatch(text, keyBody);
  const lines = text.split("\n").filter(Boolean);
  t.ok(lines.length > 0, "the log file has lines (debug and up), whatever --log-level says for the terminal");
  for (const line of lines) t.doesNotThrow(() => JSON.parse(line));
});

t.test("exum call --hold 3 --dtmf --pcap: media both ways proven in the text, digits sent, the capture written", async (t) => {
  const { call, identity, resolve } = await setUp(t);
  const dir = await tempDir(t);
  const pcap = join(dir, "call.pcapng");
  const { code, stdout } = await exum(["call", ...call, ...identity, ...resolve, "--hold", "3", "--dtmf", "1#", "--dtmf-at", "0.5", "--pcap", pcap]);
  t.equal(code, ExitCode.Ok, stdout);
  t.match(stdout, /^ {2}media: SRTP both ways, AES_CM_128_HMAC_SHA1_80 with MKI 1: \d+ packets sent, \d+ received, all authenticated; audio [\d.]+% non-silent; digits sent 1#/m);
  const file = await readFile(pcap);
  t.equal(file.readUInt32LE(0), 0x0a0d0d0a, "a pcapng section header");
  t.ok(file.length > 50_000, `the capture holds the call (${file.length} bytes)`);
  const json = await exum(["call", ...call, ...identity, ...resolve, "--json"]);
  t.match(JSON.parse(json.stdout), { outcome: "answered", media: null }, "a call not held has no media evidence");
  t.match(JSON.parse(json.stdout).warnings, [/media not measured: the call was held 0 ms/]);
});

t.test("bad input exits 2 with the flag or file named, before any connection", async (t) => {
  const dir = await tempDir(t);
  const notPem = join(dir, "not.pem");
  await writeFile(notPem, "hello");
  const cases: Array<[string[], RegExp]> = [
    [["options", "http://x"], /EXUM_BAD_TARGET/],
    [["options", "cas01", "--timeout", "0"], /--timeout/],
    [["options", "cas01", "--timeout", "abc"], /--timeout takes a number of seconds/],
    [["options", "cas01", "--log-file", join(dir, "no-such-folder", "exum.log")], /--log-file .*no-such-folder.*cannot open it for writing \(ENOENT\)/],
    [["options", "cas01", "--cert", notPem], /--cert and --key go together/],
    [["options", "cas01", "--ca", join(dir, "missing.pem")], /missing\.pem/],
    [["options", "cas01", "--ca", notPem], /holds no PEM certificate/],
    [["options", "cas01", "--resolve", "cas01:5061"], /EXUM_BAD_RESOLVE/],
    [["options", "cas01", "--from", "nobody"], /--from/],
    [["call", "cas01", "--encryption", "Maybe"], /RequireEncryption/],
    [["call", "cas01", "--encryption", "RequireEncryption", "--srtp-mode", "Required"], /give one/],
    [["call", "cas01", "--header", "no colon"], /--header/],
    [["call", "cas01", "--header", "Diversion: <sip:a@b>\r\nVia: SIP/2.0/TLS evil"], /one Name: value line/],
    [["call", "cas01", "--header", "Call-ID: mine"], /cannot set Call-ID: the harness writes it/],
    [["call", "cas01", "--max-redirects", "-1"], /--max-redirects -1 must be a whole number from 0 to 20/],
    [["call", "cas01", "--max-redirects", "2.5"], /--max-redirects/],
    [["call", "cas01", "--hold", "5", "--dtmf", "12x"], /--dtmf "12x" is not a string of DTMF digits/],
    [["call", "cas01", "--hold", "1", "--dtmf", "1001#1234#"], /--hold 1 ends the call before the digits are sent/],
    [["call", "cas01", "--hold", "5", "--dtmf", "1", "--dtmf-at", "-1"], /--dtmf-at -1 must be from 0 to 3600 seconds/],
    [["options", "cas01", "--cert", "a.pem", "--cert", "b.pem", "--key", "k.pem"], /--cert was given 2 times \("a\.pem", "b\.pem"\); it takes one value/],
    [["call", "cas01", "--hold", "3", "--hold", "4"], /--hold was given 2 times/],
    [["options", "cas01", "--pcap", join(dir, "no-such-folder", "x.pcapng")], /--pcap .*no-such-folder.* cannot be written \(ENOENT\)/],
    [["options"], /Not enough non-option arguments|target/],
    [["nonsense"], /Unknown argument|command/],
  ];
  for (const [args, pattern] of cases) {
    const { code, stderr } = await exum(args);
    t.equal(code, ExitCode.BadInput, args.join(" "));
    t.match(stderr, pattern, args.join(" "));
  }
});

t.test("exum options against a server whose CertificateRequest Schannel truncated: the names and the finding", async (t) => {
  const { options, identity, resolve } = await setUp(t, { servers: [{ fqdn: routerFqdn, certificateRequest: { caNames: "many", otherRoots: 300 } }] });
  const { code, stdout } = await exum(["options", options, ...identity, ...resolve]);
  t.equal(code, ExitCode.Ok, "the lab server trusts our root and answers");
  t.match(stdout, /CAs the server names in its CertificateRequest: \d+; our issuer among them: NO/);
  t.match(stdout, /\n {6}O=exum lab, CN=Exum Other Trusted Root 0001\n|\n {6}.*CN=Exum Other Trusted Root 0001\n/);
  t.match(stdout, /… and \d+ more \(--json lists them all\)/);
  t.match(stdout, /tls warning: tls-client-ca-not-listed: the server's CertificateRequest names \d+ CA\(s\), none of which issued our certificate/);
  const json = JSON.parse((await exum(["options", options, ...identity, ...resolve, "--json"])).stdout);
  t.ok(probeOutputSchema.safeParse(json).success, "still what docs/probe.schema.json describes");
  t.equal(json.tls.clientCertificate.issuerListed, false);
  t.ok(json.tls.clientCertificate.acceptableCAs.length > 100);
});

t.test("exum call --offer: fax or audio; anything else is exit 2 before a connection", async (t) => {
  const { call, identity, resolve } = await setUp(t);
  const bad = await exum(["call", ...call, ...identity, ...resolve, "--offer", "video"]);
  t.equal(bad.code, ExitCode.BadInput);
  t.match(bad.stderr, /--offer "video" is not something the harness offers/);
  const dtmf = await exum(["call", ...call, ...identity, ...resolve, "--offer", "fax", "--dtmf", "1", "--hold", "3"]);
  t.equal(dtmf.code, ExitCode.BadInput);
  t.match(dtmf.stderr, /--dtmf needs an audio call/);
});
