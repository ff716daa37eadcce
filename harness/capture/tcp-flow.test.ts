import t from "tap";
import type { PacketDirection } from "./enhanced-packet-block.js";
import { readIp, readTcp, type ReadTcp } from "./read-pcapng.test.js";
import { MAX_SEGMENT_IP_LENGTH, TcpFlow, type TcpFlowOptions } from "./tcp-flow.js";
import { TcpFlag } from "./tcp-segment.js";

const { Syn, Ack, Fin, Psh } = TcpFlag;

interface Seen extends ReadTcp {
  readonly direction: PacketDirection;
  readonly ipLength: number;
  readonly identification: number;
}

function flow(options: Partial<TcpFlowOptions> = {}): { flow: TcpFlow; seen: Seen[] } {
  const seen: Seen[] = [];
  let id = 0;
  const tcpFlow = new TcpFlow({
    local: { address: "127.0.0.1", port: 40000 },
    remote: { address: "127.0.0.2", port: 5061 },
    localIsn: 1000,
    remoteIsn: 5000,
    nextIdentification: () => (id += 1),
    sink: (packet, direction) => {
      const ip = readIp(packet);
      seen.push({ ...readTcp(ip), direction, ipLength: ip.totalLength, identification: packet.readUInt16BE(4) });
    },
    ...options,
  });
  return { flow: tcpFlow, seen };
}

const summary = (seen: readonly Seen[]) => seen.map((s) => [s.direction, s.flags, s.sequence, s.acknowledgment, s.payload.length]);

t.test("open: SYN, SYN-ACK, ACK from the local end; each SYN takes one sequence number", async (t) => {
  const { flow: f, seen } = flow();
  f.open();
  f.open();
  t.same(summary(seen), [
    ["outbound", Syn, 1000, 0, 0],
    ["inbound", Syn | Ack, 5000, 1001, 0],
    ["outbound", Ack, 1001, 5001, 0],
  ]);
  t.ok(seen.every((s) => s.checksumOk));
  t.same([seen[0]?.sourcePort, seen[0]?.destinationPort, seen[1]?.sourcePort], [40000, 5061, 5061]);
  t.same(seen.map((s) => s.identification), [1, 2, 3]);
});

t.test("a connection a listener accepted opens from the remote end", async (t) => {
  const { flow: f, seen } = flow({ opener: "remote" });
  f.open();
  t.same(summary(seen), [
    ["inbound", Syn, 5000, 0, 0],
    ["outbound", Syn | Ack, 1000, 5001, 0],
    ["inbound", Ack, 5001, 1001, 0],
  ]);
});

t.test("data: PSH|ACK, sequence numbers continue each way, acknowledgments follow the other side", async (t) => {
  const { flow: f, seen } = flow();
  f.sent(Buffer.from("OPTIONS"));
  f.received(Buffer.from("SIP/2.0 200 OK"));
  f.sent(Buffer.from("BYE"));
  f.sent(new Uint8Array(0));
  t.same(summary(seen.slice(3)), [
    ["outbound", Psh | Ack, 1001, 5001, 7],
    ["inbound", Psh | Ack, 5001, 1008, 14],
    ["outbound", Psh | Ack, 1008, 5015, 3],
  ]);
});

t.test("a large write is split into segments of at most 65000 octets of IP, in order", async (t) => {
  for (const address of ["127.0.0.1", "::1"]) {
    const { flow: f, seen } = flow({ local: { address, port: 40000 }, remote: { address, port: 5061 } });
    const payload = Buffer.alloc(200_000);
    for (let i = 0; i < payload.length; i += 1) payload[i] = i % 251;
    f.sent(payload);
    const data = seen.slice(3);
    t.ok(data.length >= 4, `${data.length} segments over ${address}`);
    t.ok(data.every((s) => s.ipLength <= MAX_SEGMENT_IP_LENGTH));
    t.equal(data[0]?.ipLength, MAX_SEGMENT_IP_LENGTH, "full segments are as large as allowed");
    let expected = 1001;
    for (const s of data) {
      t.equal(s.sequence, expected);
      expected += s.payload.length;
    }
    t.same(Buffer.concat(data.map((s) => s.payload)), payload, "the stream reassembles");
    t.ok(data.every((s) => s.checksumOk));
  }
});

t.test("close: FIN from each end, each taking a sequence number, then the last ACK; later data is dropped", async (t) => {
  const { flow: f, seen } = flow();
  f.sent(Buffer.from("x"));
  f.close();
  f.close();
  f.sent(Buffer.from("late"));
  f.received(Buffer.from("late"));
  t.same(summary(seen.slice(4)), [
    ["outbound", Fin | Ack, 1002, 5001, 0],
    ["inbound", Fin | Ack, 5001, 1003, 0],
    ["outbound", Ack, 1003, 5002, 0],
  ]);
});

t.test("sequence numbers wrap modulo 2**32", async (t) => {
  const { flow: f, seen } = flow({ localIsn: 0xfffffffe });
  f.sent(Buffer.from("abcd"));
  t.same(summary(seen.slice(3)), [["outbound", Psh | Ack, 0xffffffff, 5001, 4]]);
  f.sent(Buffer.from("e"));
  t.equal(seen[4]?.sequence, 3);
});

t.test("IPv6 flows, and an IPv4-mapped peer counts as IPv4", async (t) => {
  const six = flow({ local: { address: "::1", port: 40000 }, remote: { address: "::1", port: 5061 } });
  six.flow.sent(Buffer.from("x"));
  t.ok(six.seen.every((s) => s.checksumOk));
  const mapped = flow({ local: { address: "127.0.0.1", port: 40000 }, remote: { address: "::ffff:127.0.0.1", port: 5061 } });
  mapped.flow.open();
  t.equal(mapped.seen.length, 3);
  t.throws(() => flow({ local: { address: "127.0.0.1", port: 1 }, remote: { address: "::1", port: 2 } }), { code: "EXUM_INTERNAL", message: /address families differ/ });
});
