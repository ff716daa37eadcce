import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { Resolver } from "node:dns/promises";
import { connect } from "node:net";
import dnsPacket, { type DecodedPacket } from "dns-packet";
import t from "tap";
import { answerDnsQuery, fitUdpReply, type DnsExchange } from "./lab-dns-answer.js";
import { startLabDns } from "./lab-dns.js";
import { NameMap } from "./name-map.js";

const CAS = "cas01.tukwila.contoso.com";
const MBX1 = "mbx01.tukwila.contoso.com";
const MBX3 = "mbx03.dublin.contoso.com";

function labMap(): NameMap {
  return new NameMap([
    [CAS, "127.42.7.10"],
    [MBX1, "127.42.7.11"],
    [MBX3, "127.42.7.13"],
    ["v6.contoso.com", "::1"],
  ]);
}

function query(name: string, type: "A" | "AAAA" | "MX" | "ANY" = "A", extra: Partial<dnsPacket.Packet> = {}): Buffer {
  return dnsPacket.encode({ type: "query", id: 4242, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: type as "A", name }], ...extra });
}

function decodeReply(reply: Buffer | undefined): DecodedPacket & { rcode?: string } {
  return dnsPacket.decode(reply ?? Buffer.alloc(0)) as DecodedPacket & { rcode?: string };
}

t.test("answers: A from the map, NXDOMAIN for others, NODATA for other types, authoritative, no recursion", async (t) => {
  const map = labMap();
  const a = answerDnsQuery(query("CAS01.tukwila.contoso.com"), map);
  const reply = decodeReply(a?.reply);
  t.match(reply, { id: 4242, type: "response", flag_aa: true, flag_rd: true, flag_ra: false, rcode: "NOERROR" });
  t.match(reply.answers, [{ type: "A", name: "CAS01.tukwila.contoso.com", ttl: 0, data: "127.42.7.10" }]);
  t.same(a?.exchange, { name: "CAS01.tukwila.contoso.com", type: "A", rcode: "NOERROR", address: "127.42.7.10" });
  t.match(decodeReply(answerDnsQuery(query("www.example.com"), map)?.reply), { rcode: "NXDOMAIN", answers: [] });
  t.match(decodeReply(answerDnsQuery(query(CAS, "AAAA"), map)?.reply), { rcode: "NOERROR", answers: [] });
  t.match(decodeReply(answerDnsQuery(query(CAS, "MX"), map)?.reply), { rcode: "NOERROR", answers: [] });
  t.match(decodeReply(answerDnsQuery(query("v6.contoso.com", "AAAA"), map)?.reply).answers, [{ type: "AAAA", data: "::1" }]);
  t.match(decodeReply(answerDnsQuery(query(CAS, "ANY"), map)?.reply).answers, [{ type: "A", data: "127.42.7.10" }]);
  t.match(decodeReply(answerDnsQuery(query(CAS, "A"), map, 30)?.reply).answers, [{ ttl: 30 }]);
});

t.test("refusals: FORMERR without exactly one question, NOTIMP for other opcodes, REFUSED for other classes", async (t) => {
  const map = labMap();
  t.match(decodeReply(answerDnsQuery(dnsPacket.encode({ type: "query", id: 1, questions: [] }), map)?.reply), { rcode: "FORMERR" });
  const two = dnsPacket.encode({ type: "query", id: 2, questions: [{ type: "A", name: CAS }, { type: "A", name: MBX1 }] });
  t.match(decodeReply(answerDnsQuery(two, map)?.reply), { rcode: "FORMERR" });
  const update = query(CAS, "A", { flags: 5 << 11 });
  t.match(decodeReply(answerDnsQuery(update, map)?.reply), { rcode: "NOTIMP", flag_rd: false });
  const chaos = dnsPacket.encode({ type: "query", id: 3, questions: [{ type: "TXT", name: "version.bind", class: "CH" }] });
  t.match(decodeReply(answerDnsQuery(chaos, map)?.reply), { rcode: "REFUSED" });
});

t.test("what must be ignored is ignored: malformed, responses, oversized", async (t) => {
  const map = labMap();
  const good = query(CAS);
  const response = dnsPacket.encode({ type: "response", id: 5, questions: [{ type: "A", name: CAS }] });
  const garbage = [Buffer.alloc(0), Buffer.from("hello"), good.subarray(0, 20), Buffer.alloc(12, 0xff), Buffer.concat([good.subarray(0, 12), Buffer.alloc(40, 0xc0)]), response, Buffer.alloc(5000)];
  for (const [i, packet] of garbage.entries()) t.equal(answerDnsQuery(packet, map), null, `packet ${i}`);
  let thrown = 0;
  for (let i = 0; i < 2000; i += 1) {
    const mutated = Buffer.from(good);
    mutated[Math.floor(Math.random() * mutated.length)] = Math.floor(Math.random() * 256);
    try {
      answerDnsQuery(mutated.subarray(0, 1 + Math.floor(Math.random() * mutated.length)), map);
    } catch {
      thrown += 1;
    }
  }
  t.equal(thrown, 0, "2000 mutated queries answered or ignored, never thrown");
});

t.test("a reply too long for UDP is truncated with TC set", async (t) => {
  const long = dnsPacket.encode({
    type: "response",
    id: 9,
    questions: [{ type: "A", name: CAS }],
    answers: Array.from({ length: 40 }, (_, i) => ({ type: "A" as const, name: CAS, ttl: 0, data: `127.0.0.${i + 1}` })),
  });
  const fitted = decodeReply(fitUdpReply(long));
  t.match(fitted, { flag_tc: true, answers: [], questions: [{ name: CAS }] });
  const short = query(CAS);
  t.equal(fitUdpReply(short), short);
});

t.test("the lab DNS server answers node:dns over UDP with the current mapping", async (t) => {
  const map = labMap();
  const seen: DnsExchange[] = [];
  const dns = await startLabDns({ map, onQuery: (exchange) => seen.push(exchange) });
  t.teardown(() => dns.close());
  t.equal(dns.address, "127.0.0.1");
  t.ok(dns.port > 0 && dns.tcp);
  const resolver = new Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${dns.port}`]);
  t.same(await resolver.resolve4(MBX1), ["127.42.7.11"]);
  t.same(await resolver.resolve4(MBX1, { ttl: true }), [{ address: "127.42.7.11", ttl: 0 }]);
  map.pointAt(MBX1, MBX3);
  t.same(await resolver.resolve4(MBX1), ["127.42.7.13"], "seed example 1, seen through DNS at once");
  await t.rejects(resolver.resolve4("www.example.com"), { code: "ENOTFOUND" });
  await t.rejects(resolver.resolve6(CAS), { code: "ENODATA" });
  t.match(seen, [{ name: MBX1, rcode: "NOERROR" }, { name: MBX1 }, { name: MBX1, address: "127.42.7.13" }, { name: "www.example.com", rcode: "NXDOMAIN" }, { type: "AAAA" }]);
  t.ok(dns.stats.answered >= 5);
});

t.test("DNS over TCP on the same port, with length framing; a bad frame closes only its connection", async (t) => {
  const dns = await startLabDns({ map: labMap() });
  t.teardown(() => dns.close());
  const exchange = (payload: Buffer) =>
    new Promise<Buffer>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port: dns.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error("no TCP answer in 2 s"));
      }, 2000);
      let data = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (data.length >= 2 && data.length >= 2 + data.readUInt16BE(0)) {
          clearTimeout(timer);
          socket.end();
          resolve(data.subarray(2, 2 + data.readUInt16BE(0)));
        }
      });
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(data);
      });
      socket.on("error", reject);
      socket.write(payload);
    });
  const reply = dnsPacket.decode(await exchange(dnsPacket.streamEncode({ type: "query", id: 7, questions: [{ type: "A", name: CAS }] })));
  t.match(reply, { id: 7, answers: [{ data: "127.42.7.10" }] });
  t.equal((await exchange(Buffer.from([0, 3, 1, 2, 3]))).length, 0, "a 3-byte message: closed without an answer");
  const again = dnsPacket.decode(await exchange(dnsPacket.streamEncode({ type: "query", id: 8, questions: [{ type: "A", name: MBX1 }] })));
  t.match(again, { id: 8, answers: [{ data: "127.42.7.11" }] });
});

t.test("garbage over UDP never stops the server", async (t) => {
  const dns = await startLabDns({ map: labMap(), tcp: false });
  t.teardown(() => dns.close());
  t.equal(dns.tcp, false);
  const socket = createSocket("udp4");
  t.teardown(() => socket.close());
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  for (let i = 0; i < 200; i += 1) socket.send(Buffer.from(Array.from({ length: 1 + (i % 60) }, () => Math.floor(Math.random() * 256))), dns.port, "127.0.0.1");
  const resolver = new Resolver({ timeout: 1000, tries: 2 });
  resolver.setServers([`127.0.0.1:${dns.port}`]);
  t.same(await resolver.resolve4(CAS), ["127.42.7.10"]);
  t.ok(dns.stats.ignored > 0, `${dns.stats.ignored} packets ignored`);
});

t.test("the server listens on loopback only, on a given port if asked, and closes twice safely", async (t) => {
  await t.rejects(startLabDns({ map: labMap(), address: "0.0.0.0" }), { code: "EXUM_LAB_NOT_LOOPBACK" });
  await t.rejects(startLabDns({ map: labMap(), address: "192.168.1.1" }), { code: "EXUM_LAB_NOT_LOOPBACK" });
  const first = await startLabDns({ map: labMap(), address: "127.0.0.1" });
  const second = await startLabDns({ map: labMap(), address: "127.0.0.2", port: first.port }).catch((error: unknown) => error);
  if (process.platform === "linux") {
    t.match(second, { address: "127.0.0.2", port: first.port }, "another loopback address, the same port");
    await (second as { close(): Promise<void> }).close();
  }
  await first.close();
  await t.resolves(first.close(), "closing it twice is harmless");
});

function which(command: string): Promise<string | null> {
  return new Promise((resolve) => execFile("which", [command], { timeout: 2000 }, (error, stdout) => resolve(error ? null : stdout.trim() || null)));
}

const dig = await which("dig");

t.test("dig against the lab DNS server", { skip: dig === null ? "dig is not installed" : false }, async (t) => {
  if (dig === null) return;
  const dns = await startLabDns({ map: labMap() });
  t.teardown(() => dns.close());
  const run = (args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(dig, [`@127.0.0.1`, "-p", String(dns.port), "+time=2", "+tries=1", ...args], { timeout: 5000 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
  t.equal((await run(["+short", CAS, "A"])).trim(), "127.42.7.10");
  t.match(await run(["www.example.com", "A"]), /status: NXDOMAIN/);
  t.equal((await run(["+tcp", "+short", MBX1, "A"])).trim(), "127.42.7.11");
});
