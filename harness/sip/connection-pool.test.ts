import t from "tap";
import { clientOptions } from "../lab/lab-test-fixture.js";
import { probeLab } from "../testing/probe-fixture.js";
import { probeCall } from "./call-probe.js";
import { ConnectionPool } from "./connection-pool.js";
import { probeOptions } from "./options-probe.js";

const localsOf = (trace: { direction: string; local: string }[]) => [...new Set(trace.filter((e) => e.direction === "sent").map((e) => e.local))];

t.test("a second call with the same pool goes on the three connections the first one opened", async (t) => {
  const { voicemail } = await probeLab(t);
  const pool = new ConnectionPool();
  t.teardown(() => pool.close());
  const { target, options } = voicemail("required", { connections: pool });
  const first = await probeCall(target, options);
  t.match(first, { outcome: "answered", negotiated: { mode: "Secured" } });
  t.same(first.hops.map((hop) => hop.connection), ["new", "new", "new"]);
  t.equal(pool.size, 3, "the Call Router's, the UM service's and the worker's connections wait in the pool");
  const second = await probeCall(target, options);
  t.match(second, { outcome: "answered", negotiated: { mode: "Secured" } });
  t.same(second.hops.map((hop) => hop.connection), ["reused", "reused", "reused"]);
  t.same(localsOf(second.trace), localsOf(first.trace), "from the same local ports");
  t.match(second.hops[0]?.tls, { verification: { trusted: true }, clientCertificate: { accepted: true } }, "with the connection's TLS evidence");
  t.ok(second.trace.every((entry) => entry.callId === second.trace[0]?.callId), "the second call's trace holds only its own messages");
  t.equal(pool.reused, 3);
});

t.test("a connection the peer closed is not reused: a stopped server is refused, a restarted one dialled anew", async (t) => {
  const { lab, base, router } = await probeLab(t);
  const pool = new ConnectionPool();
  t.teardown(() => pool.close());
  const options = { ...base, connections: pool };
  t.equal((await probeOptions(router(), options)).hops[0]?.connection, "new");
  t.equal((await probeOptions(router(), options)).hops[0]?.connection, "reused");
  await lab.setServerState("cas01.tukwila.contoso.com", "stopped");
  const stopped = await probeOptions(router(), options);
  t.match(stopped, { outcome: "failed", failure: { code: "connection-refused" } }, "not answered on the kept connection");
  t.equal(stopped.hops[0]?.connection, "new");
  await lab.setServerState("cas01.tukwila.contoso.com", "running");
  const again = await probeOptions(router(), options);
  t.match(again, { outcome: "ok" });
  t.equal(again.hops[0]?.connection, "new");
});

t.test("another identity does not share a connection; a closed pool keeps nothing", async (t) => {
  const { lab, base, router } = await probeLab(t);
  const pool = new ConnectionPool();
  await probeOptions(router(), { ...base, connections: pool });
  const gateway = await clientOptions(lab, "gateway");
  const other = await probeOptions(router(), { ...gateway, connections: pool });
  t.equal(other.hops[0]?.connection, "new", "the gateway persona's certificate gets its own connection");
  t.equal(pool.size, 2);
  await pool.close();
  t.equal(pool.size, 0);
  await probeOptions(router(), { ...base, connections: pool });
  t.equal(pool.size, 0, "a connection given back to a closed pool is closed");
});
