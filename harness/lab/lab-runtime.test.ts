import t from "tap";
import { probeOptions } from "../sip/options-probe.js";
import { clientOptions, labTarget, startTestLab } from "./lab-test-fixture.js";
import { startLab } from "./lab.js";
import { sharedLabPkiDir } from "./lab-pki.js";
import type { EventLogEntry } from "./servers/event-log.js";
import { connectionRefused } from "../testing/connection-refused.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";

t.test("the default lab: every server on its own loopback address with its real ports (docs/protocol.md §1)", async (t) => {
  const lab = await startTestLab(t);
  t.equal(lab.servers.size, 10);
  const cas = lab.server("cas01");
  t.equal(cas.fqdn, CAS);
  t.equal(cas.certificate, "cas01");
  t.match(cas.address, /^127\.\d+\.\d+\.10$/);
  t.same(
    cas.listeners().map((l) => [l.name, l.port, l.open]),
    [
      ["sip-tcp", 5060, true],
      ["sip-tls", 5061, true],
    ],
  );
  t.same(
    lab.server(MBX1).listeners().map((l) => l.port),
    [5062, 5063, 5065, 5066, 5067, 5068],
  );
  t.equal(lab.names.resolve(CAS), cas.address);
  t.equal(await lab.resolver().resolve(MBX1, 5063), lab.server(MBX1).address);
  t.ok(lab.pki.rootCa.endsWith("root-ca.crt"));
  t.ok(lab.pki.personas.pool.cert.endsWith("pool01.crt"));
});

t.test("OPTIONS: 200 from the Call Router to the pool persona over mutual TLS and over TCP (docs/protocol.md §6)", async (t) => {
  const lab = await startTestLab(t);
  const options = await clientOptions(lab, "pool");
  const tls = await probeOptions(labTarget(lab, CAS, "sip-tls", null), options);
  t.match(tls, { outcome: "ok", status: 200, hops: [{ signaling: "mtls" }] });
  t.match(tls.hops[0]?.headers, { server: [/^RTCC\/5\.0\.0\.0 MSExchangeUM\//] }, "docs/protocol.md §8: Server on responses");
  const tcp = await probeOptions(labTarget(lab, CAS, "sip-tcp", null), options);
  t.match(tcp, { outcome: "ok", status: 200, hops: [{ signaling: "tcp" }] });
  const um = await probeOptions(labTarget(lab, MBX1, "um-tls", null), options);
  t.match(um, { outcome: "ok", status: 200 });
});

t.test("no client certificate: the handshake is aborted, no SIP response, event 1649 at the Call Router (docs/protocol.md §5)", async (t) => {
  const lab = await startTestLab(t);
  const seen: EventLogEntry[] = [];
  lab.events.subscribe((event) => seen.push(event));
  const result = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, null));
  t.match(result, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
  await waitFor(() => seen.some((event) => event.eventId === 1649));
  t.match(lab.events.entries({ server: CAS, eventId: 1649 }), [{ server: CAS, level: "Error", details: { kind: "no-client-certificate" } }]);
});

t.test("an untrusted client certificate (another CA): aborted, event 1649; at the UM service event 1113", async (t) => {
  const lab = await startTestLab(t);
  const untrusted = await clientOptions(lab, "signed-by-other-ca");
  const result = await probeOptions(labTarget(lab, CAS, "sip-tls", null), untrusted);
  t.match(result, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
  const atUm = await probeOptions(labTarget(lab, MBX1, "um-tls", null), untrusted);
  t.match(atUm, { outcome: "failed", status: null, failure: { code: "tls-client-cert-rejected" } });
  await waitFor(() => lab.events.entries({ eventId: 1113 }).length > 0);
  t.match(lab.events.entries({ server: CAS, eventId: 1649 }), [{ details: { kind: "untrusted-client-certificate" } }]);
  t.match(lab.events.entries({ server: MBX1, eventId: 1113 }), [{ details: { listener: "um-tls" } }]);
});

t.test("TLS 1.2 cap: the same rejection during the handshake", async (t) => {
  const lab = await startTestLab(t, { maxTlsVersion: "TLSv1.2" });
  const result = await probeOptions(labTarget(lab, CAS, "sip-tls", null), await clientOptions(lab, null));
  t.match(result, { outcome: "failed", failure: { code: "tls-client-cert-rejected" } });
});

t.test("ephemeral ports: kernel ports, a closed startup-mode listener still refuses", async (t) => {
  const { applyOverrides } = await import("./topology/topology-overrides.js");
  const { defaultLoadedTopology } = await import("./topology/topology-default.js");
  const topology = applyOverrides(defaultLoadedTopology(), { servers: [{ fqdn: CAS, startupMode: "TCP" }] });
  const lab = await startTestLab(t, { ports: "ephemeral", topology });
  const [tcp, tls] = lab.server(CAS).listeners();
  t.equal(lab.plan.ports, "ephemeral");
  t.ok(tcp?.open && tcp.port > 0 && tcp.port !== 5060);
  t.ok(tls !== undefined && !tls.open && tls.port > 0, "the TLS listener has a port number and is closed");
  t.ok(await connectionRefused(lab.server(CAS).address, tls?.port ?? 0), "connection refused");
  const result = await probeOptions(labTarget(lab, CAS, "sip-tcp", null), await clientOptions(lab, "pool"));
  t.equal(result.status, 200);
});

t.test("close() frees every port and is bounded; a second close does nothing", async (t) => {
  const lab = await startLab({ certsDir: sharedLabPkiDir() });
  const endpoints = [...lab.servers.values()].flatMap((server) => server.listeners().filter((l) => l.open).map((l) => [server.address, l.port] as const));
  t.ok(lab.dns !== null && lab.dns.port > 0, "the lab DNS server runs");
  const started = Date.now();
  t.same(await lab.close(), []);
  t.ok(Date.now() - started < 20_000, "close is bounded");
  t.ok(lab.closed);
  const stillOpen = (await Promise.all(endpoints.map(([address, port]) => connectionRefused(address, port)))).filter((r) => !r);
  t.equal(stillOpen.length, 0, "every listener refuses after close");
  t.same(await lab.close(), []);
  // the same block can be taken again at once
  const again = await startLab({ certsDir: sharedLabPkiDir(), block: lab.plan.block ?? undefined, dns: false });
  await again.close();
});

t.test("ephemeral ports: the whole redirect chain follows the bound ports", async (t) => {
  const { probeCall } = await import("../sip/call-probe.js");
  const lab = await startTestLab(t, { ports: "ephemeral" });
  const result = await probeCall(labTarget(lab, CAS, "sip-tls", "alice", ";opaque=app:voicemail"), {
    ...(await clientOptions(lab, "pool")),
    policy: "required",
    extraHeaders: ["Diversion: <sip:alice@contoso.com>"],
  });
  t.equal(result.outcome, "answered");
  t.same(
    result.hops.map((hop) => hop.port),
    [lab.port(CAS, "sip-tls"), lab.port(MBX1, "um-tls"), lab.port(MBX1, "worker-tls")],
  );
});

t.test("certificates: the topology's name (a wildcard Subject Name writes 1684), one issued for an unknown FQDN, a missing one refused", async (t) => {
  const { applyOverrides } = await import("./topology/topology-overrides.js");
  const { defaultLoadedTopology } = await import("./topology/topology-default.js");
  const topology = applyOverrides(defaultLoadedTopology(), {
    servers: [
      { fqdn: CAS, certificate: "wildcard-subject" },
      { fqdn: "cas02.contoso.com", role: "callRouter", startupMode: "Dual" },
    ],
  });
  const lab = await startTestLab(t, { topology });
  t.equal(lab.server(CAS).certificate, "wildcard-subject");
  t.match(lab.events.entries({ server: CAS, eventId: 1684 }), [{ level: "Error", message: /is not a valid FQDN/ }]);
  t.equal(lab.server("cas02").certificate, "issued:cas02.contoso.com");
  const result = await probeOptions(labTarget(lab, "cas02.contoso.com", "sip-tls", null), await clientOptions(lab, "pool"));
  t.match(result, { status: 200, tls: { verification: { trusted: true } } });

});

t.test("a certificate replaced while the server runs: new handshakes get it, a name the PKI lacks refused", async (t) => {
  const lab = await startTestLab(t, { ports: "ephemeral" });
  const before = await probeOptions(labTarget(lab, MBX1, "um-tls", null), await clientOptions(lab, "pool"));
  await lab.setCertificate(MBX1, "issued");
  t.equal(lab.server(MBX1).certificate, `issued:${MBX1}`);
  const after = await probeOptions(labTarget(lab, MBX1, "um-tls", null), await clientOptions(lab, "pool"));
  t.match(after, { status: 200, tls: { verification: { trusted: true, nameMatches: true } } }, "a renewal from the same root: still trusted");
  t.not(after.tls?.peer?.serialNumber, before.tls?.peer?.serialNumber, "another certificate on the wire");
  await lab.setCertificate(MBX1, "expired");
  const expired = await probeOptions(labTarget(lab, MBX1, "um-tls", null), await clientOptions(lab, "pool"));
  t.match(expired, { outcome: "failed", failure: { code: "tls-untrusted-server" }, tls: { verification: { error: "CERT_HAS_EXPIRED" } } }, "the expired one, on the next connection");
  await t.rejects(lab.setCertificate(MBX1, "no-such"), { code: "EXUM_LAB_NO_CERTIFICATE" });
});

t.test("a start that fails half-way tears down what it started and rethrows", async (t) => {
  const roles = {
    owa: () => {
      throw new Error("owa simulator broke");
    },
  };
  await t.rejects(startLab({ certsDir: sharedLabPkiDir(), dns: false, block: "127.200.201", roles }), { message: "owa simulator broke" });
  t.ok(await connectionRefused("127.200.201.10", 5060), "nothing left listening after the failed start");
  t.ok(await connectionRefused("127.200.201.11", 5063));
});

t.test("the event log: bounded, filtered, subscribers may throw", async (t) => {
  const { EventLog } = await import("./servers/event-log.js");
  const log = new EventLog({ capacity: 3, now: () => new Date("2026-01-01T00:00:00Z") });
  log.subscribe(() => {
    throw new Error("bad subscriber");
  });
  for (const id of [1, 2, 3, 4]) log.writer("A.example.com").write(id, "Information", `event ${id}`);
  t.same(
    log.entries().map((e) => e.eventId),
    [2, 3, 4],
  );
  t.match(log.entries({ since: 3 }), [{ seq: 4, server: "a.example.com", at: "2026-01-01T00:00:00.000Z" }]);
  t.equal(log.lastSeq, 4);
});

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}
