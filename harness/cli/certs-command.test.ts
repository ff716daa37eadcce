import { once } from "node:events";
import { readFile, mkdtemp, rm, stat } from "node:fs/promises";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type TlsOptions } from "node:tls";
import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import type { LintReport } from "../pki/lint-finding.js";
import { startSipListener } from "../testing/sip-test-listener.js";
import { serverSecureContext } from "../tls/server-secure-context.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import { memoryIo } from "./cli-io.js";
import { certsCommand } from "./certs-command.js";
import { dispatch } from "./main.js";

const cwd = await mkdtemp(join(tmpdir(), "exum-certs-cli-"));
t.teardown(() => rm(cwd, { recursive: true, force: true }));

async function exum(...argv: string[]) {
  const io = memoryIo({ cwd });
  const code = await dispatch(argv, io, [certsCommand as never]);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// certs init runs once here (it is the slow part: 23 RSA keys); every other test uses what it made.
const init = await exum("certs", "init", "--dir", "lab");

t.test("certs init makes the lab PKI and says how long it took", async (t) => {
  t.equal(init.code, ExitCode.Ok, init.stderr);
  t.match(init.stdout, /created\s+root-ca\.crt\s+CN=exum Lab Root CA/);
  t.match(init.stdout, /created\s+pool01\.crt\s+pool01\.contoso\.com\s+valid\s+lync-pool as pool/);
  t.match(init.stdout, /created\s+mistakes\/wildcard-subject\.crt\s+\*\.contoso\.com\s+invalid\s+no-wildcard-subject/);
  t.match(init.stdout, /^23 created, 0 kept in \d+\.\d\d s/m);
  t.match(init.stderr, /generating 23 RSA key\(s\)/);
  t.notMatch(init.stdout + init.stderr, /PRIVATE KEY/);
  t.equal((await stat(join(cwd, "lab", "pool01.key"))).mode & 0o777, 0o600);
});

t.test("certs init again keeps everything; --json tells what it did", async (t) => {
  const again = await exum("certs", "init", "--dir", "lab", "--json");
  t.equal(again.code, ExitCode.Ok);
  const result = JSON.parse(again.stdout) as { created: string[]; kept: string[]; elapsedMs: number; manifest: { entries: unknown[] } };
  t.same(result.created, []);
  t.equal(result.kept.length, 23);
  t.equal(result.manifest.entries.length, 21);
});

t.test("certs show: the lab table, one file in detail", async (t) => {
  const table = await exum("certs", "show", "--dir", "lab");
  t.equal(table.code, ExitCode.Ok);
  t.match(table.stdout, /FILE\s+ROLE\s+FQDNS\s+ISSUER\s+VALID TO\s+VERDICT/);
  t.match(table.stdout, /mistakes\/signed-by-other-ca\.crt\s+mistake\s+mbx01\.tukwila\.contoso\.com\s+exum Other Root CA \(untrusted\)\s+\S+\s+invalid: chains-to-root/);
  t.match(table.stdout, /mistakes\/redundant-um-san\.crt\s+mistake\s+mbx01\.tukwila\.contoso\.com \+3 more/);
  const one = await exum("certs", "show", "lab/mbx03.pfx", "--passphrase", "exum");
  t.equal(one.code, ExitCode.Ok);
  t.match(one.stdout, /\(pfx, 2 certificate\(s\), with a private key\)/);
  t.match(one.stdout, /subject\s+CN=mbx03\.dublin\.contoso\.com, O=exum lab/);
  t.match(one.stdout, /thumbprint [0-9A-F]{40}/);
  const json = JSON.parse((await exum("certs", "show", "lab/mbx03.crt", "--json")).stdout) as { certificates: { commonName: string }[] };
  t.equal(json.certificates[0]?.commonName, "mbx03.dublin.contoso.com");
  const none = await exum("certs", "show", "--dir", "elsewhere");
  t.equal(none.code, ExitCode.BadInput);
  t.match(none.stderr, /error\[EXUM_NO_LAB_PKI\]: there is no lab PKI in .*elsewhere[\s\S]*hint: create it with: exum certs init/);
});

t.test("certs lint on files: exit 0 when it passes, 1 when a rule fails", async (t) => {
  const pass = await exum("certs", "lint", "lab/mbx01.crt", "--ca", "lab/root-ca.crt", "--fqdn", "mbx01.tukwila.contoso.com");
  t.equal(pass.code, ExitCode.Ok);
  t.match(pass.stdout, /pass\s+chains-to-root/);
  t.match(pass.stdout, /verdict: PASS — 0 error\(s\), 0 warning\(s\)/);

  const fail = await exum("certs", "lint", "lab/mistakes/self-signed.crt", "--ca", "lab/root-ca.crt", "--fqdn", "mbx01.tukwila.contoso.com");
  t.equal(fail.code, ExitCode.Failed);
  t.match(fail.stdout, /FAIL\s+not-self-signed/);
  t.match(fail.stdout, /from: docs\/protocol\.md §5 \[DOC, seed\]: "Exchange's self-signed default certificate cannot be used with Lync\."/);
  t.match(fail.stdout, /fix:\s+Request a certificate/);
  t.match(fail.stdout, /verdict: FAIL — 2 error\(s\)/);

  const peers = "mbx01.tukwila.contoso.com,mbx02.tukwila.contoso.com,mbx03.dublin.contoso.com,mbx04.dublin.contoso.com";
  const redundant = await exum("certs", "lint", "lab/mistakes/wildcard-san.crt", "--ca", "lab/root-ca.crt", "--peers", peers, "--json");
  t.equal(redundant.code, ExitCode.Ok);
  const report = JSON.parse(redundant.stdout) as LintReport & { input: string };
  t.equal(report.findings.find((finding) => finding.ruleId === "peers-in-san")?.status, "pass");
  t.equal(report.input, "lab/mistakes/wildcard-san.crt");

  const missing = await exum("certs", "lint", "lab/mbx02.crt", "--peers", peers);
  t.equal(missing.code, ExitCode.Failed);
  t.match(missing.stdout, /FAIL\s+peers-in-san\s+the SAN does not cover mbx01\.tukwila\.contoso\.com, mbx03/);

  const pfx = await exum("certs", "lint", "lab/gw01.pfx", "--passphrase", "exum", "--ca", "lab/root-ca.crt", "--fqdn", "gw01.contoso.com");
  t.equal(pfx.code, ExitCode.Ok, "a PFX lints with its chain");
});

t.test("unreadable input exits 2 with a clear message and no stack trace", async (t) => {
  const cases: [string[], RegExp][] = [
    [["certs", "lint", "lab/pool01.pfx", "--passphrase", "wrong"], /error\[EXUM_PFX_PASSPHRASE\]: the passphrase does not open the PFX .*pool01\.pfx\n {2}in: .*pool01\.pfx at --passphrase\n {2}hint: give the passphrase/],
    [["certs", "lint", "lab/pool01.pfx"], /error\[EXUM_PFX_PASSPHRASE\]: .*pool01\.pfx is a PFX protected by a passphrase, and none was given/],
    [["certs", "lint", "lab/manifest.json"], /error\[EXUM_NOT_A_CERTIFICATE\]: .*manifest\.json is not a certificate \(not PEM, DER or PFX\)/],
    [["certs", "lint", "lab/pool01.key"], /error\[EXUM_NOT_A_CERTIFICATE\]: .*pool01\.key holds no certificate \(it has: PRIVATE KEY\)/],
    [["certs", "lint", "lab/nope.crt"], /error\[EXUM_FILE_NOT_FOUND\]: .*nope\.crt does not exist[\s\S]*host:port/],
    [["certs", "lint", "lab/mbx01.crt", "--ca", "lab/pool01.key"], /error\[EXUM_NOT_A_CERTIFICATE\][\s\S]*at --ca/],
    [["certs", "lint", "lab/mbx01.crt", "--pfx", "lab/pool01.pfx"], /error\[EXUM_USAGE\]: --pfx is our identity for a live lint/],
    [["certs", "init", "--fqdn", "x"], /error\[EXUM_USAGE\]: --fqdn does not apply to certs init/],
    [["certs", "lint"], /error\[EXUM_USAGE\]: certs lint needs something to lint/],
    [["certs", "frobnicate"], /error\[EXUM_USAGE\]: Invalid values/],
  ];
  for (const [argv, message] of cases) {
    const result = await exum(...argv);
    t.equal(result.code, ExitCode.BadInput, argv.join(" "));
    t.match(result.stderr, message, argv.join(" "));
    t.notMatch(result.stderr, /\n\s+at /, "no stack trace");
    t.equal(result.stdout, "", "nothing on stdout");
  }
});

// Live lint against local servers on 127.0.0.1 (port 0), with the lab's own certificates: a SIP server over TLS
// (harness/lab's listener, answering OPTIONS with 200), or a TLS server that speaks no SIP.
async function labTls(cert: string): Promise<TlsIdentity> {
  return {
    certPem: await readFile(join(cwd, "lab", `${cert}.chain.pem`), "utf8"),
    keyPem: await readFile(join(cwd, "lab", `${cert}.key`), "utf8"),
  };
}

async function labSipServer(t: { teardown(fn: () => Promise<void>): void }, cert: string, demand: { requestCert: boolean }): Promise<number> {
  const listener = await startSipListener({
    address: "127.0.0.1",
    port: 0,
    protocol: "tls",
    tls: serverSecureContext({ identity: await labTls(cert), caPem: [await readFile(join(cwd, "lab", "root-ca.crt"), "utf8")], ...demand }),
    onRequest: (request) => request.respond({ status: 200, reason: "OK" }),
  });
  t.teardown(() => listener.close());
  return listener.port;
}

async function labSilentServer(t: { teardown(fn: () => Promise<void>): void }, cert: string, options: TlsOptions): Promise<number> {
  const sockets = new Set<Socket>();
  const identity = await labTls(cert);
  const server = createServer({ cert: identity.certPem, key: identity.keyPem, ...options }, (socket) => void socket.on("error", () => {}).resume());
  server.on("connection", (socket: Socket) => void sockets.add(socket));
  server.on("tlsClientError", () => {});
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  t.teardown(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

const finding = (report: LintReport, id: string) => report.findings.find((candidate) => candidate.ruleId === id);

t.test("live lint: a server that requires and verifies client certificates", async (t) => {
  const port = await labSipServer(t, "cas01", { requestCert: true });
  const target = `127.0.0.1:${port}`;
  const base = ["certs", "lint", target, "--ca", "lab/root-ca.crt", "--fqdn", "cas01.tukwila.contoso.com", "--timeout", "5"];

  const ours = await exum(...base, "--pfx", "lab/pool01.pfx", "--passphrase", "exum", "--json");
  t.equal(ours.code, ExitCode.Ok, ours.stdout);
  const accepted = JSON.parse(ours.stdout) as LintReport;
  t.equal(finding(accepted, "live-handshake")?.status, "pass");
  t.equal(finding(accepted, "live-client-cert-requested")?.status, "pass", "asked for a client certificate");
  t.equal(finding(accepted, "live-client-cert-accepted")?.status, "pass", "accepted ours");
  t.equal(finding(accepted, "chains-to-root")?.status, "pass");
  t.equal(accepted.certificate?.commonName, "cas01.tukwila.contoso.com");
  t.equal(accepted.live?.protocol, "TLSv1.3");

  const text = await exum(...base, "--cert", "lab/pool01.crt", "--key", "lab/pool01.key");
  t.equal(text.code, ExitCode.Ok);
  t.match(text.stdout, new RegExp(`live {8}127\\.0\\.0\\.1:${port} \\(SNI cas01\\.tukwila\\.contoso\\.com\\) TLSv1\\.3`));
  t.match(text.stdout, new RegExp(`live {8}127\\.0\\.0\\.1:${port} .* · handshake completed · OPTIONS → 200 OK in \\d+ ms`));
  t.match(text.stdout, /client cert requested by the server: yes · ours: accepted \(a SIP response came back: OPTIONS → 200 OK\)/);

  const none = JSON.parse((await exum(...base, "--json")).stdout) as LintReport;
  t.equal(finding(none, "live-client-cert-requested")?.status, "pass");
  t.equal(finding(none, "live-client-cert-accepted")?.status, "skip");
  t.match(finding(none, "live-client-cert-accepted")?.message, /we sent no client certificate and the server refused us \(.*TLS alert 116 certificate_required/);

  const stranger = await exum(...base, "--cert", "lab/mistakes/signed-by-other-ca.chain.pem", "--key", "lab/mistakes/signed-by-other-ca.key");
  t.equal(stranger.code, ExitCode.Failed, "our untrusted certificate is refused");
  t.match(stranger.stdout, /FAIL\s+live-client-cert-accepted\s+the server rejected our certificate/);
});

t.test("live lint: a server that does not ask, presenting a bad certificate", async (t) => {
  const port = await labSipServer(t, "mistakes/self-signed", { requestCert: false });
  const result = await exum("certs", "lint", `127.0.0.1:${port}`, "--ca", "lab/root-ca.crt", "--fqdn", "mbx01.tukwila.contoso.com", "--pfx", "lab/pool01.pfx", "--passphrase", "exum", "--json");
  t.equal(result.code, ExitCode.Failed);
  const report = JSON.parse(result.stdout) as LintReport;
  t.equal(finding(report, "live-client-cert-requested")?.status, "fail");
  t.equal(finding(report, "live-client-cert-requested")?.severity, "warning");
  t.equal(finding(report, "live-client-cert-accepted")?.status, "skip");
  t.equal(finding(report, "not-self-signed")?.status, "fail");
});

t.test("live lint: nothing listening is a failed finding (exit 1), not a crash", async (t) => {
  const probe = createServer({});
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const free = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const result = await exum("certs", "lint", `127.0.0.1:${free}`, "--timeout", "2");
  t.equal(result.code, ExitCode.Failed);
  t.match(result.stdout, /FAIL\s+live-handshake\s+no TCP connection to 127\.0\.0\.1:\d+: the peer refused the connection \(connect ECONNREFUSED/);
});

t.test("live lint: a TLS server that speaks no SIP leaves acceptance unknown, and says why", async (t) => {
  const port = await labSilentServer(t, "cas01", { requestCert: true, rejectUnauthorized: false });
  const base = ["certs", "lint", `127.0.0.1:${port}`, "--ca", "lab/root-ca.crt", "--fqdn", "cas01.tukwila.contoso.com", "--timeout", "1"];
  const text = await exum(...base, "--pfx", "lab/pool01.pfx", "--passphrase", "exum");
  t.equal(text.code, ExitCode.Ok, "unknown is not a failure");
  t.match(text.stdout, /· handshake completed · no SIP response \(no-response\) in \d+ ms/);
  t.match(text.stdout, /ours: unknown \(no SIP response came back \(no-response: no final response to OPTIONS within 1000 ms\)\)/);
  t.match(text.stdout, /skip\s+live-client-cert-accepted\s+acceptance unknown \(no SIP response came back/);
  t.match(text.stdout, /pass\s+chains-to-root/, "the chain it presented is still linted");
});

t.test("certs init --force makes everything again", async (t) => {
  const before = await readFile(join(cwd, "lab", "root-ca.crt"), "utf8");
  const forced = await exum("certs", "init", "--dir", "lab", "--force");
  t.equal(forced.code, ExitCode.Ok);
  t.match(forced.stdout, /^23 created, 0 kept/m);
  t.not(await readFile(join(cwd, "lab", "root-ca.crt"), "utf8"), before, "a new root");
});

t.test("live lint --resolve: connect to an address while presenting and verifying the server's own name", async (t) => {
  const port = await labSipServer(t, "mbx01", { requestCert: true });
  const name = "mbx01.tukwila.contoso.com";
  const args = ["certs", "lint", `${name}:${port}`, "--ca", "lab/root-ca.crt", "--pfx", "lab/pool01.pfx", "--passphrase", "exum", "--json"];
  const resolved = await exum(...args, "--resolve", `${name}:${port}:127.0.0.1`);
  t.equal(resolved.code, ExitCode.Ok, resolved.stdout);
  const report = JSON.parse(resolved.stdout) as LintReport;
  t.equal(report.live?.servername, name, "SNI is the name given, not the address");
  t.equal(finding(report, "live-client-cert-accepted")?.status, "pass");
  t.equal(finding(report, "fqdn-in-name")?.status, "pass", "the certificate was judged against that name");
});
