import { connect, createServer } from "node:net";
import t from "tap";
import { allocateAddressPlan } from "./address-plan-allocate.js";
import { parseAddressBlock, randomAddressBlock } from "./address-plan-block.js";
import { roleListeners } from "../topology/address-plan-listeners.js";
import { planAddresses, plannedListener, plannedServer } from "./address-plan.js";
import { defaultLoadedTopology, defaultTopology } from "../topology/topology-default.js";
import { startupModeOpens } from "../topology/topology-startup-mode.js";
import { UM_STARTUP_MODES } from "../../model/um-startup-mode.js";
import { applyOverrides } from "../topology/topology-overrides.js";

const linux = process.platform === "linux";
const ports = (fqdn: string, plan = planAddresses(defaultTopology(), { block: "127.42.7" })) =>
  Object.fromEntries(plannedServer(plan, fqdn)?.listeners.map((l) => [l.name, `${l.transport}/${l.port}`]) ?? []);

t.test("on Linux, 127.0.0.23 (any 127/8 address) is local and bindable", { skip: linux ? false : "only Linux routes all of 127/8 to lo" }, async (t) => {
  const server = createServer((socket) => socket.end("hello"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.23", port: 0 }, resolve);
  });
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const text = await new Promise<string>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.23", port }, () => undefined);
    const timer = setTimeout(() => reject(new Error("no answer in 2 s")), 2000);
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => {
      clearTimeout(timer);
      resolve(data);
    });
    socket.on("error", reject);
  });
  t.equal(text, "hello");
});

t.test("real ports per role (docs/protocol.md §1), one address each from the block, in topology order", async (t) => {
  const plan = planAddresses(defaultTopology(), { block: "127.42.7.0/24", platform: "linux" });
  t.equal(plan.ports, "real");
  t.equal(plan.block, "127.42.7.0/24");
  t.same(
    plan.servers.map((s) => s.address),
    Array.from({ length: 10 }, (_, i) => `127.42.7.${10 + i}`),
  );
  t.same(ports("cas01.tukwila.contoso.com", plan), { "sip-tcp": "tcp/5060", "sip-tls": "tls/5061" });
  t.same(ports("mbx01.tukwila.contoso.com", plan), {
    "um-tcp": "tcp/5062",
    "um-tls": "tls/5063",
    "worker-tcp": "tcp/5065",
    "worker-tls": "tls/5066",
    "worker2-tcp": "tcp/5067",
    "worker2-tls": "tls/5068",
  });
  t.match(ports("um2010.contoso.com", plan), { "sip-tcp": "tcp/5060", "sip-tls": "tls/5061", "worker-tcp": "tcp/5065" });
  t.same(ports("pool01.contoso.com", plan), { "sip-tls": "tls/5061" });
  t.same(ports("med01.contoso.com", plan), { "pool-mtls": "tls/5070", "gateway-tls": "tls/5067", "gateway-tcp": "tcp/5068" });
  t.same(ports("owapool.contoso.com", plan), { "sip-tls": "tls/5199" });
  t.same(ports("gw01.contoso.com", plan), { "sip-tcp": "tcp/5060", "sip-tls": "tls/5061" });
  t.equal(plannedListener(plan, "MBX02.tukwila.contoso.com", "um-tls")?.port, 5063);
  t.equal(plannedListener(plan, "mbx02.tukwila.contoso.com", "pool-mtls"), undefined);
});

t.test("the worker layout and the OWA port come from the topology", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), {
    behaviour: { worker: { portLayout: "single" } },
    servers: [{ fqdn: "owapool.contoso.com", port: 5299 }],
  });
  const plan = planAddresses(topology, { block: "127.42.8", platform: "linux" });
  t.same(Object.keys(ports("mbx01.tukwila.contoso.com", plan)), ["um-tcp", "um-tls", "worker-tcp", "worker-tls"]);
  t.equal(plannedListener(plan, "owapool.contoso.com", "sip-tls")?.port, 5299);
  t.same(
    roleListeners("mailbox").map((l) => l.port),
    [5062, 5063, 5065, 5066, 5067, 5068],
    "paired by default",
  );
});

t.test("UMStartupMode decides which listeners a server opens (docs/protocol.md §1)", async (t) => {
  t.same(
    UM_STARTUP_MODES.map((mode) => [mode, startupModeOpens(mode, "tcp"), startupModeOpens(mode, "tls")]),
    [
      ["TCP", true, false],
      ["TLS", false, true],
      ["Dual", true, true],
    ],
  );
});

t.test("ephemeral ports: port 0 everywhere, the real port kept for reference", async (t) => {
  const plan = planAddresses(defaultTopology(), { ports: "ephemeral", block: "127.42.9", platform: "linux" });
  t.equal(plan.ports, "ephemeral");
  t.ok(plan.servers.every((s) => s.listeners.every((l) => l.port === 0 && l.realPort >= 5060)));
  t.equal(plan.servers[0]?.address, "127.42.9.10");
});

t.test("not on Linux: everything on 127.0.0.1 with ephemeral ports, even when real ports are asked", async (t) => {
  for (const platform of ["darwin", "win32"] as const) {
    const plan = planAddresses(defaultTopology(), { ports: "real", platform });
    t.match(plan, { ports: "ephemeral", portsReason: "not-linux", block: null }, platform);
    t.ok(plan.servers.every((s) => s.address === "127.0.0.1" && s.listeners.every((l) => l.port === 0)), platform);
  }
});

t.test("blocks: random ones avoid 127.0.x and 127.255.x; written ones are checked", async (t) => {
  t.same(randomAddressBlock(() => 0), { prefix: "127.1.0" });
  t.same(randomAddressBlock(() => 0.999999), { prefix: "127.254.255" });
  const plan = planAddresses(defaultTopology(), { platform: "linux", random: () => 0.5 });
  t.equal(plan.block, "127.128.128.0/24");
  t.same(parseAddressBlock(" 127.5.6.0/24 "), { prefix: "127.5.6" });
  for (const bad of ["10.0.0", "127.5", "127.5.6.7", "127.256.0", "localhost"]) {
    t.throws(() => parseAddressBlock(bad), { code: "EXUM_LAB_BAD_ADDRESS_BLOCK", exitCode: 2 }, bad);
  }
});

t.test("allocateAddressPlan binds every real port once and hands a free block back", { skip: linux ? false : "Linux only" }, async (t) => {
  const plan = await allocateAddressPlan(defaultTopology(), { bindTimeoutMs: 2000 });
  t.equal(plan.ports, "real");
  t.match(plan.block, /^127\.\d+\.\d+\.0\/24$/);
  const ephemeral = await allocateAddressPlan(defaultTopology(), { ports: "ephemeral" });
  t.equal(ephemeral.ports, "ephemeral");
});

t.test("a taken block is retried when random and an input error when written", { skip: linux ? false : "Linux only" }, async (t) => {
  const blocker = createServer();
  await new Promise<void>((resolve, reject) => {
    blocker.once("error", reject);
    blocker.listen({ host: "127.77.3.10", port: 5061, exclusive: true }, resolve);
  });
  t.teardown(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  await t.rejects(allocateAddressPlan(defaultTopology(), { block: "127.77.3" }), {
    code: "EXUM_LAB_ADDRESS_BLOCK_BUSY",
    exitCode: 2,
    message: /127\.77\.3\.10:5061 EADDRINUSE/,
  });
  const draws = [0.3, 0.3, 0.6, 0.2];
  const random = () => draws.shift() ?? 0.4;
  const taken = planAddresses(defaultTopology(), { platform: "linux", random: () => 0.3 }).block;
  const other = createServer();
  await new Promise<void>((resolve, reject) => {
    other.once("error", reject);
    other.listen({ host: `${taken?.replace(/\.0\/24$/, "")}.10`, port: 5061, exclusive: true }, resolve);
  });
  t.teardown(() => new Promise<void>((resolve) => other.close(() => resolve())));
  const plan = await allocateAddressPlan(defaultTopology(), { random });
  t.not(plan.block, taken, "the busy block was skipped");
  t.equal(plan.block, "127.153.51.0/24");
});

t.test("addressFamily ipv6: every server on ::1 with ephemeral ports, whatever --ports or --block asks", async (t) => {
  const topology = applyOverrides(defaultLoadedTopology(), { addressFamily: "ipv6" });
  const plan = planAddresses(topology, { ports: "real", block: "127.42.7" });
  t.match(plan, { ports: "ephemeral", portsReason: "ipv6", block: null });
  t.ok(plan.servers.every((server) => server.address === "::1" && server.listeners.every((listener) => listener.port === 0)));
  t.equal(plannedListener(plan, "cas01.tukwila.contoso.com", "sip-tls")?.realPort, 5061, "the real port is still known");
  const allocated = await allocateAddressPlan(topology);
  t.equal(allocated.portsReason, "ipv6", "::1 binds on this machine");
});
