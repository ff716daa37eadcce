/**
 * Interop: `exum monitor` against Kamailio (docs/peers.md), a mutual-TLS SIP server nobody here wrote, bound as a site's
 * Call Router: it answers our OPTIONS with 200 (`--once --nagios` is OK, with its latency as perfdata), and once it is
 * stopped the foreground monitor marks it down after `--down-after` misses. Loopback only. Run: npm run test:interop.
 */
import { join } from "node:path";
import t from "tap";
import { freePortRange } from "../testing/free-port.js";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { startKamailio } from "../testing/kamailio.js";
import { readIfWritten } from "../testing/read-if-written.js";
import { tempDir } from "../testing/temp-dir.js";
import { makeTestPki } from "../testing/test-pki.js";
import { writeFiles } from "../testing/write-files.js";
import type { MonitorEvent } from "../monitor/monitor-event.js";
import { memoryIo } from "./cli-io.js";
import { dispatch } from "./main.js";
import { monitorCommand } from "./monitor-command.js";

const SERVER = "router.lab.test";
const CLIENT = "pool.lab.test";

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

interopTest("Kamailio as a site's Call Router: OPTIONS health, Nagios OK, down once it stops", ["kamailio"], async (t) => {
  const [dir, tlsPort] = await Promise.all([tempDir(t, "exum-monitor-kamailio-"), freePortRange(1, { protocols: ["tcp"] })]);
  const pki = await makeTestPki({ dir, serverFqdns: [SERVER], clientNames: [CLIENT] });
  const server = pki.servers[SERVER];
  const client = pki.clients[CLIENT];
  if (server === undefined || client === undefined) throw new Error("test PKI lacks the server or client certificate");
  const kamailio = await startKamailio({ dir, tlsPort, certPem: server.certPem, keyPem: server.keyPem, caPem: pki.ca.certPem, requireClientCert: true, verifyClientCert: true });
  t.teardown(() => kamailio.stop());
  await writeFiles(dir, {
    "site.yaml": `domain: lab.test
roles: { callRouter: "${SERVER}:${kamailio.port}" }
identity: { cert: ${client.chainPath}, key: ${client.keyPath} }
caBundle: ${pki.ca.certPath}
resolve: ["${SERVER}:*:127.0.0.1"]
timeout: 3s
`,
  });
  const env = {};
  const once = memoryIo({ cwd: dir, env });
  const code = await dispatch(["monitor", "--site", "site.yaml", "--once", "--nagios"], once, [monitorCommand as never]);
  t.match(once.stdout, /^EXUM OK - 1 targets up \| 'router_latency'=\d+ms;;;0 'router_cert_days'=\d+;30:;7:\n$/, "Kamailio answered our OPTIONS over mutual TLS");
  t.equal(code, 0, "OK: up, and its certificate (825 days, chained to our CA, names it) passes the lint", { stdout: once.stdout, stderr: once.stderr });

  const controller = new AbortController();
  t.teardown(() => controller.abort());
  const io = memoryIo({ cwd: dir, env, signal: controller.signal });
  const done = dispatch(["monitor", "--site", "site.yaml", "--interval", "1s", "--down-after", "2", "--events", "events.jsonl"], io, [monitorCommand as never]);
  const read = async () => (await readIfWritten(join(dir, "events.jsonl"))).split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as MonitorEvent);
  const until = async (found: (events: MonitorEvent[]) => boolean) => {
    const deadline = Date.now() + 15_000;
    let events = await read();
    while (!found(events) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      events = await read();
    }
    return events;
  };
  let events = await until((list) => list.some((e) => e.type === "options" && e.answered));
  t.match(events.find((e) => e.type === "options"), { target: "router", role: "callRouter", answered: true, status: 200 });
  await kamailio.stop();
  events = await until((list) => list.some((e) => e.type === "down"));
  t.match(events.find((e) => e.type === "down"), { target: "router", from: "up", misses: 2, failure: "connection-refused" });
  controller.abort();
  t.equal(await done, 130);
});
