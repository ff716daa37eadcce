import t from "tap";
import { captureClock } from "./capture-clock.js";
import { createCaptureRecorder, DECRYPTED_RTP_INTERFACE_ID, WIRE_INTERFACE_ID } from "./capture-recorder.js";
import { CAPTURE_RECORDER_DEFAULTS } from "./capture-recorder-options.js";
import { TLS_KEY_LOG_SECRETS_TYPE } from "./decryption-secrets-block.js";
import { LINKTYPE_RAW } from "./interface-description-block.js";
import { optionText, readCapture, readIp, readTcp, readUdp } from "./read-pcapng.test.js";

const START = 1_767_225_600_000_000n; // 2026-01-01T00:00:00Z in µs
function fakeClock(): () => bigint {
  let tick = START;
  return () => (tick += 10n);
}

const client = { address: "127.0.0.1", port: 40000 };
const server = { address: "127.0.0.1", port: 5061 };
const rtpA = { address: "127.0.0.1", port: 30000 };
const rtpB = { address: "127.0.0.1", port: 30002 };
const RANDOM = "a1".repeat(32);
const TLS13_LINES = [`CLIENT_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${"11".repeat(32)}`, `SERVER_HANDSHAKE_TRAFFIC_SECRET ${RANDOM} ${"22".repeat(32)}`];

function rtp(sequence: number): Buffer {
  const packet = Buffer.alloc(12 + 160, 0xff);
  packet.writeUInt8(0x80, 0);
  packet.writeUInt8(0, 1); // PT 0 (PCMU)
  packet.writeUInt16BE(sequence, 2);
  packet.writeUInt32BE(sequence * 160, 4);
  packet.writeUInt32BE(0x1234abcd, 8);
  return packet;
}

t.test("the file is SHB, the two IDBs, the DSB, then the packets, though the key log came after the first records", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  const flow = recorder.tcpFlow(client, server);
  flow.sent(Buffer.from("\x16\x03\x01 client hello"));
  recorder.keyLog(`${TLS13_LINES[0]}\n`);
  flow.received(Buffer.from("\x16\x03\x03 server hello"));
  recorder.keyLog(TLS13_LINES[1]!); // no newline: one is added
  recorder.udp(rtpA, rtpB, rtp(1));
  recorder.decryptedRtp(rtpA, rtpB, rtp(1));
  flow.close();

  const capture = readCapture(recorder.bytes());
  t.same(capture.blocks.map((block) => block.type), [0x0a0d0d0a, 1, 1, 10, ...new Array<number>(3 + 2 + 2 + 3).fill(6)]);
  t.same([capture.header.magic, capture.header.major, capture.header.minor, capture.header.sectionLength], [0x1a2b3c4d, 1, 0, -1n]);
  t.equal(optionText(capture.header.options, 4), "exum");
  t.equal(optionText(capture.header.options, 1), undefined, "no comment when nothing was dropped");
  t.same(capture.interfaces.map((idb) => [idb.linkType, optionText(idb.options, 2)]), [[LINKTYPE_RAW, "exum"], [LINKTYPE_RAW, "exum-decrypted-rtp"]]);
  t.equal(capture.secrets.length, 1);
  t.equal(capture.secrets[0]?.secretsType, TLS_KEY_LOG_SECRETS_TYPE);
  t.equal(capture.secrets[0]?.secrets.toString(), `${TLS13_LINES.join("\n")}\n`, "every line ends with a newline (§4.7)");
  t.equal(recorder.packetCount(), 10);
  t.equal(recorder.truncated(), false);
});

t.test("packets keep their order, times, interfaces and directions", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  const flow = recorder.tcpFlow(client, server);
  flow.sent(Buffer.from("OPTIONS"));
  flow.received(Buffer.from("200"));
  recorder.udp(rtpA, rtpB, rtp(7));
  recorder.decryptedRtp(rtpB, rtpA, rtp(8));
  const { packets } = readCapture(recorder.bytes());
  t.same(packets.map((packet) => packet.timestamp - START), [10n, 20n, 30n, 40n, 50n, 60n, 70n]);
  t.same(packets.map((packet) => packet.interfaceId), [0, 0, 0, 0, 0, WIRE_INTERFACE_ID, DECRYPTED_RTP_INTERFACE_ID]);
  const direction = (index: number) => packets[index]?.options.find((option) => option.code === 2)?.value.readUInt32LE(0);
  t.same([3, 4].map(direction), [0b10, 0b01], "sent is outbound, received inbound");
  t.same([5, 6].map(direction), [undefined, undefined], "a datagram's direction is not known");

  const tcp = packets.slice(3, 5).map((packet) => readTcp(readIp(packet.data)));
  t.same(tcp.map((segment) => segment.payload.toString()), ["OPTIONS", "200"]);
  t.equal(tcp[1]?.acknowledgment, (tcp[0]?.sequence ?? 0) + 7);
  const udp = readUdp(readIp(packets[5]!.data));
  t.same([udp.sourcePort, udp.destinationPort, udp.checksumOk, udp.payload.length], [30000, 30002, true, 172]);
  const decrypted = readUdp(readIp(packets[6]!.data));
  t.same([decrypted.sourcePort, decrypted.destinationPort, decrypted.payload.readUInt16BE(2)], [30002, 30000, 8]);
  const ip = packets.map((packet) => packet.data.readUInt16BE(4));
  t.same(ip, [1, 2, 3, 4, 5, 6, 7], "IPv4 identifications count up across flows and datagrams");
});

t.test("no key log, no DSB", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  recorder.keyLog("");
  recorder.udp(rtpA, rtpB, rtp(1));
  t.same(readCapture(recorder.bytes()).blocks.map((block) => block.type), [0x0a0d0d0a, 1, 1, 6]);
});

t.test("an empty recorder is a valid file with no packets", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  t.equal(readCapture(recorder.bytes()).packets.length, 0);
  t.equal(recorder.packetCount(), 0);
});

t.test("an IPv6 flow and IPv6 datagrams", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  const flow = recorder.tcpFlow({ address: "::1", port: 40000 }, { address: "::1", port: 5061 }, { opener: "remote" });
  flow.received(Buffer.from("INVITE"));
  recorder.udp({ address: "::1", port: 30000 }, { address: "::1", port: 30002 }, rtp(1));
  const ips = readCapture(recorder.bytes()).packets.map((packet) => readIp(packet.data));
  t.ok(ips.every((ip) => ip.version === 6));
  const first = readTcp(ips[0]!);
  t.same([first.flags, first.sourcePort], [0x02, 5061], "the remote end sent the SYN");
  t.ok(ips.slice(0, 4).map(readTcp).every((segment) => segment.checksumOk));
  t.ok(readUdp(ips[4]!).checksumOk);
});

t.test("flows get distinct initial sequence numbers, the same in every run", async (t) => {
  const isns = () => {
    const recorder = createCaptureRecorder({ now: fakeClock() });
    recorder.tcpFlow(client, server);
    recorder.tcpFlow({ ...client, port: 40001 }, server);
    return readCapture(recorder.bytes()).packets.map((packet) => readTcp(readIp(packet.data))).filter((segment) => segment.flags & 0x02).map((segment) => segment.sequence);
  };
  const first = isns();
  t.equal(new Set(first).size, 4);
  t.same(isns(), first);
});

t.test("past maxBytes nothing more is recorded, and the file says so", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock(), maxBytes: 2000 });
  const flow = recorder.tcpFlow(client, server);
  recorder.keyLog(TLS13_LINES.join("\n"));
  for (let i = 0; i < 20; i += 1) recorder.udp(rtpA, rtpB, rtp(i));
  recorder.keyLog(`CLIENT_TRAFFIC_SECRET_0 ${RANDOM} ${"33".repeat(32)}`);
  flow.sent(Buffer.from("tiny")); // would fit on its own, but recording has stopped
  t.equal(recorder.truncated(), true);
  const kept = recorder.packetCount();
  const capture = readCapture(recorder.bytes());
  t.equal(capture.packets.length, kept);
  t.ok(kept >= 3 && kept < 23, `${kept} packets kept`);
  const packetOctets = capture.blocks.filter((block) => block.type === 6).reduce((sum, block) => sum + block.totalLength, 0);
  t.ok(packetOctets + (capture.secrets[0]?.secrets.length ?? 0) <= 2000, "the budget holds");
  t.equal(capture.secrets[0]?.secrets.toString(), `${TLS13_LINES.join("\n")}\n`, "the later key log line was dropped too");
  t.match(optionText(capture.header.options, 1), /stopped recording at its 2000-octet limit \(maxBytes\): \d+ later packets and later TLS key log lines are not in this file/);
  t.equal(readCapture(recorder.bytes()).packets.length, kept, "bytes() can be called again");
});

t.test("maxBytes is checked once, with the field named", async (t) => {
  t.equal(CAPTURE_RECORDER_DEFAULTS.maxBytes, 64 * 1024 * 1024);
  for (const maxBytes of [-1, 1.5, Number.NaN]) {
    t.throws(() => createCaptureRecorder({ maxBytes }), { code: "EXUM_INTERNAL", field: "maxBytes" }, String(maxBytes));
  }
  const none = createCaptureRecorder({ maxBytes: 0, now: fakeClock() });
  none.udp(rtpA, rtpB, rtp(1));
  t.same([none.packetCount(), none.truncated()], [0, true]);
});

t.test("a host name is refused where it is given", async (t) => {
  const recorder = createCaptureRecorder({ now: fakeClock() });
  t.throws(() => recorder.udp({ address: "localhost", port: 1 }, rtpB, rtp(1)), { code: "EXUM_INTERNAL" });
  t.throws(() => recorder.tcpFlow({ address: "localhost", port: 1 }, server), { code: "EXUM_INTERNAL" });
});

t.test("the default clock reads microseconds since the epoch and never steps back", async (t) => {
  const now = captureClock();
  const first = now();
  const wall = BigInt(Date.now()) * 1000n;
  t.ok(first <= wall + 1000n && first > wall - 1_000_000n, "within a second of Date.now()");
  let previous = first;
  for (let i = 0; i < 1000; i += 1) {
    const next = now();
    if (next < previous) t.fail("stepped back");
    previous = next;
  }
  t.ok(createCaptureRecorder().bytes().length > 0, "the recorder uses it by default");
});
