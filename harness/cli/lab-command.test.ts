import t from "tap";
import { ExitCode } from "../errors/exit-codes.js";
import { sharedLabPkiDir } from "../lab/lab-pki.js";
import type { LabSummary } from "../lab/lab-summary.js";
import { memoryIo } from "./cli-io.js";
import { labCommand } from "./lab-command.js";
import { dispatch } from "./main.js";
import type { CliCommand } from "./cli-command.js";
import { connectionRefused } from "../testing/connection-refused.js";

async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
}

const registry = [labCommand as unknown as CliCommand];

t.test("exum lab --json prints one JSON object on one line, keeps running, and stops cleanly on abort", async (t) => {
  const controller = new AbortController();
  const io = memoryIo({ signal: controller.signal });
  const exit = dispatch(["lab", "--json", "--certs", sharedLabPkiDir()], io, registry);
  await until(() => io.stdout.includes("\n"));
  const lines = io.stdout.split("\n").filter((line) => line !== "");
  t.equal(lines.length, 1, "one line");
  const summary = JSON.parse(lines[0] ?? "{}") as LabSummary;
  t.match(summary.servers.find((s) => s.fqdn === "cas01.tukwila.contoso.com"), { role: "callRouter", address: /^127\./, ports: { "sip-tcp": 5060, "sip-tls": 5061 } });
  t.equal(summary.servers.length, 10);
  t.match(summary.dialPlans, [
    { name: "DP1", voipSecurity: "Secured", pilot: "dp1" },
    { name: "DP2010", voipSecurity: "Secured", pilot: "dp2010" },
  ]);
  t.match(summary.users, [{ sipAddress: "alice@contoso.com", dialPlan: "DP1" }, {}, {}]);
  t.match(summary.dns, { address: /^127\./, port: Number });
  t.match(summary.pki, { rootCa: /root-ca\.crt$/, personas: { pool: { cert: /pool01\.crt$/, key: /pool01\.key$/ }, mediation: {}, gateway: {}, owa: {} } });
  const cas = summary.servers.find((s) => s.fqdn === "cas01.tukwila.contoso.com");
  t.notOk(await connectionRefused(cas?.address ?? "", 5061), "the lab is running");
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(io.stdout.split("\n").filter((line) => line !== "").length, 1, "still one line while it runs");
  controller.abort();
  t.equal(await exit, ExitCode.Interrupted);
  t.ok(await connectionRefused(cas?.address ?? "", 5061), "the port is free after the abort");
});

t.test("exum lab prints the endpoints, the --resolve lines, DNS, PKI, then the event log", async (t) => {
  const controller = new AbortController();
  const io = memoryIo({ signal: controller.signal });
  const exit = dispatch(["lab", "--ports", "ephemeral", "--certs", sharedLabPkiDir()], io, registry);
  await until(() => io.stdout.includes("Event log"));
  t.match(io.stdout, /cas01\.tukwila\.contoso\.com\s+callRouter\s+127\.\S+\s+tcp\/\d+ tls\/\d+\s+cas01/);
  t.match(io.stdout, /--resolve cas01\.tukwila\.contoso\.com:\*:127\./);
  t.match(io.stdout, /Lab DNS: 127\.\S+ port \d+/);
  t.match(io.stdout, /--as pool: --cert \S+pool01\.chain\.pem --key \S+pool01\.key/);
  t.match(io.stdout, /exum options cas01\.tukwila\.contoso\.com:\d+ --cert/);
  controller.abort();
  t.equal(await exit, ExitCode.Interrupted);
  t.match(io.stderr, /lab stopped/);
});

t.test("exum lab with a topology file that does not exist: exit 2, named", async (t) => {
  const io = memoryIo();
  t.equal(await dispatch(["lab", "/nonexistent/topology.yaml"], io, registry), ExitCode.BadInput);
  t.match(io.stderr, /EXUM_TOPOLOGY_UNREADABLE/);
});

t.test("exum lab --ipv6: every server on ::1 with ports of their own; Exchange 2010 closed; --block refused", async (t) => {
  const controller = new AbortController();
  const io = memoryIo({ signal: controller.signal });
  const exit = dispatch(["lab", "--ipv6", "--json", "--certs", sharedLabPkiDir()], io, registry);
  await until(() => io.stdout.includes("\n"));
  const summary = JSON.parse(io.stdout.split("\n")[0] ?? "{}") as LabSummary;
  t.equal(summary.ports, "ephemeral", "addresses cannot tell the servers apart, so ports do");
  t.ok(summary.servers.every((server) => server.address === "::1"));
  const cas = summary.servers.find((s) => s.fqdn === "cas01.tukwila.contoso.com");
  t.match(cas, { ports: { "sip-tcp": Number, "sip-tls": Number } });
  t.notOk(await connectionRefused("::1", cas?.ports["sip-tls"] ?? 0), "the Call Router listens on ::1");
  t.same(summary.servers.find((s) => s.role === "exchange2010")?.ports, {}, "Exchange 2010 opens nothing on IPv6");
  t.ok(summary.resolve.includes("cas01.tukwila.contoso.com:*:[::1]"), "--resolve lines in curl's IPv6 form");
  controller.abort();
  t.equal(await exit, ExitCode.Interrupted);
  const bad = memoryIo();
  t.equal(await dispatch(["lab", "--ipv6", "--block", "127.42.7", "--certs", sharedLabPkiDir()], bad, registry), ExitCode.BadInput);
  t.match(bad.stderr, /--block names an IPv4 loopback block/);
});
