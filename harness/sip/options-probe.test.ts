import { createServer } from "node:net";
import t from "tap";
import { otherCaPem, poolFqdn, poolOptions, probeLab, routerFqdn } from "../testing/probe-fixture.js";
import { probeOptions } from "./options-probe.js";
import { parseSipTarget } from "./sip-target.js";

const target = (port: number) => parseSipTarget(`${routerFqdn}:${port}`);

t.test("OPTIONS over mutual TLS: 200, mtls, our certificate asked for, sent and accepted", async (t) => {
  const { base, routerPort, seen } = await probeLab(t);
  const result = await probeOptions(target(routerPort), base);
  t.match(result, { kind: "options", outcome: "ok", status: 200, failure: null });
  const hop = result.hops[0];
  t.equal(hop?.signaling, "mtls");
  t.match(result.tls, {
    version: "TLSv1.3",
    sni: routerFqdn,
    peer: { san: [routerFqdn] },
    verification: { trusted: true, nameMatches: true },
    clientCertificate: { requested: true, sent: true, accepted: true },
  });
  t.ok((hop?.timings.tcpConnectMs ?? -1) >= 0 && (hop?.timings.tlsHandshakeMs ?? -1) > 0 && (hop?.timings.finalResponseMs ?? -1) > 0);
  t.equal(seen[0]?.peerCn, poolFqdn, "the server saw the pool's certificate");
  t.same(result.trace.map((e) => `${e.direction} ${e.firstLine.split(" ")[0]}`), ["sent OPTIONS", "received SIP/2.0"]);
  t.match(result.trace[0]?.raw, /^Via: SIP\/2\.0\/TLS 127\.0\.0\.1:\d+;branch=z9hG4bK/m, "Via carries our port on the wire");
  t.notMatch(result.trace[0]?.raw, /^Supported: .*outbound/im, "no Supported: outbound");
  t.same(result.hops[0]?.headers.allow, ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO", "NOTIFY"], "one Allow per method, as Exchange sends them");
});

for (const version of ["TLSv1.3", "TLSv1.2"] as const) {
  t.test(`${version}: no client certificate → tls-client-cert-rejected, never a SIP answer`, async (t) => {
    const { base, routerPort, seen } = await probeLab(t, { maxTlsVersion: version });
    const result = await probeOptions(target(routerPort), { ...base, identity: undefined });
    t.match(result, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
    t.match(result.tls?.clientCertificate, { sent: false, accepted: false });
    t.equal(result.failure?.alert, version === "TLSv1.3" ? 116 : 40, "the alert number is kept (116 certificate_required / 40 handshake_failure)");
    t.equal(seen.length, 0);
  });

  t.test(`${version}: a client certificate from another CA → tls-client-cert-rejected`, async (t) => {
    const { base, routerPort, lab } = await probeLab(t, { maxTlsVersion: version });
    const identity = await lab.identity("signed-by-other-ca");
    const result = await probeOptions(target(routerPort), { ...base, identity });
    t.match(result, { outcome: "failed", failure: { code: "tls-client-cert-rejected" } });
    t.equal(result.tls?.clientCertificate.accepted, false);
  });
}

t.test("a server that never asks for our certificate: signalling tls, not mtls", async (t) => {
  const { base, routerPort } = await probeLab(t, { requireClientCertificate: false });
  const result = await probeOptions(target(routerPort), base);
  t.match(result, { outcome: "ok", status: 200 });
  t.equal(result.hops[0]?.signaling, "tls");
  t.match(result.tls?.clientCertificate, { requested: false, sent: false, accepted: null });
});

t.test("a server certificate naming another host → tls-name-mismatch; --insecure goes on and says so", async (t) => {
  // The Call Router presents mbx01's lab certificate (a topology `certificate` naming another lab certificate).
  const { base, routerPort, seen } = await probeLab(t, { topology: { servers: [{ fqdn: routerFqdn, certificate: "mbx01" }] } });
  const strict = await probeOptions(target(routerPort), base);
  t.match(strict, { outcome: "failed", failure: { code: "tls-name-mismatch" } });
  t.match(strict.tls?.verification, { trusted: true, nameMatches: false });
  t.equal(seen.length, 0, "nothing was sent to a misnamed server");
  const insecure = await probeOptions(target(routerPort), { ...base, insecure: true });
  t.match(insecure, { outcome: "ok", insecure: true });
  t.match(insecure.warnings.join("\n"), /--insecure/);
});

t.test("a server from a CA we do not trust → tls-untrusted-server", async (t) => {
  const { base, routerPort, pki } = await probeLab(t);
  const result = await probeOptions(target(routerPort), { ...base, caPem: [await otherCaPem(pki)] });
  t.match(result, { outcome: "failed", failure: { code: "tls-untrusted-server" } });
  t.equal(result.tls?.verification.trusted, false);
});

t.test("nothing listening → connection-refused", async (t) => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const base = await poolOptions();
  const result = await probeOptions(target(port), base);
  t.match(result, { outcome: "failed", status: null, failure: { code: "connection-refused" } });
});

t.test("a TCP peer that accepts and never answers → no-response within the bound", async (t) => {
  const server = createServer((socket) => socket.on("data", () => undefined));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.unref();
  const base = await poolOptions();
  const port = (server.address() as { port: number }).port;
  const started = Date.now();
  const result = await probeOptions(parseSipTarget(`sip:127.0.0.1:${port};transport=tcp`), { ...base, timeoutMs: 300 });
  t.match(result, { outcome: "failed", failure: { code: "no-response" } });
  t.equal(result.hops[0]?.signaling, "tcp");
  t.ok(Date.now() - started < 16_000, "bounded by our 300 ms timeout, not sip.js's 32 s (half of it is the line)");
});

t.test("a peer that answers garbage → peer-garbage", async (t) => {
  const server = createServer((socket) => socket.on("data", () => socket.write("SIP/2.0 200 OK\r\nContent-Length: x\r\n\r\n")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = await poolOptions();
  const port = (server.address() as { port: number }).port;
  const result = await probeOptions(parseSipTarget(`sip:127.0.0.1:${port};transport=tcp`), base);
  t.match(result, { outcome: "failed", failure: { code: "peer-garbage" } });
});

t.test("a name that does not resolve → name-not-resolved", async (t) => {
  const base = await poolOptions();
  const result = await probeOptions(parseSipTarget("nowhere.invalid:5061"), {
    ...base,
    resolver: { resolve: async () => Promise.reject(new Error("NXDOMAIN")) },
  });
  t.match(result, { outcome: "failed", failure: { code: "name-not-resolved" } });
});

t.test("a wildcard From domain (from a wildcard certificate) falls back to exum.invalid with a warning", async (t) => {
  const { base, routerPort } = await probeLab(t);
  const result = await probeOptions(target(routerPort), { ...base, fromDomain: "*.contoso.com" });
  t.match(result, { outcome: "ok", status: 200 });
  t.match(result.warnings, [/From domain "\*\.contoso\.com" is no SIP host/]);
  t.match(result.trace[0]?.raw, /^From: <sip:exum@exum\.invalid>/m);
});
