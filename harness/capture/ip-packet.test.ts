import t from "tap";
import { internetChecksum } from "./internet-checksum.js";
import { parseIpAddress } from "./ip-address.js";
import { encodeIpPacket } from "./ip-packet.js";
import { IpProtocol } from "./ip-protocol.js";
import { hex, readIp, readTcp, readUdp } from "./read-pcapng.test.js";
import { encodeTcpSegment, SYN_OPTIONS, TcpFlag } from "./tcp-segment.js";
import { encodeUdpDatagram } from "./udp-datagram.js";

const v4a = parseIpAddress("127.0.0.1");
const v4b = parseIpAddress("127.0.0.2");
const v6 = parseIpAddress("::1");

t.test("IPv4 (RFC 791): the textbook header, checksum b861", async (t) => {
  // The widely reproduced example header 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7.
  const packet = encodeIpPacket({
    source: parseIpAddress("192.168.0.1"),
    destination: parseIpAddress("192.168.0.199"),
    protocol: IpProtocol.Udp,
    payload: Buffer.alloc(0x73 - 20),
  });
  t.same(packet.subarray(0, 20), hex("4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7"));
});

t.test("IPv4: the header checksum verifies for any identification and length", async (t) => {
  for (const [identification, length] of [[1, 0], [0xffff, 1], [0x1234, 1400], [7, 65515]] as const) {
    const packet = encodeIpPacket({ source: v4a, destination: v4b, protocol: IpProtocol.Tcp, payload: Buffer.alloc(length), identification });
    const ip = readIp(packet);
    t.equal(internetChecksum(ip.header), 0, `id ${identification}, ${length} octets`);
    t.equal(ip.totalLength, 20 + length);
    t.equal(packet.readUInt16BE(4), identification);
  }
  t.throws(() => encodeIpPacket({ source: v4a, destination: v4b, protocol: IpProtocol.Udp, payload: Buffer.alloc(65516) }), { code: "EXUM_INTERNAL" });
});

t.test("IPv6 (RFC 8200 §3): version 6, payload length, next header, hop limit 64", async (t) => {
  const packet = encodeIpPacket({ source: v6, destination: v6, protocol: IpProtocol.Udp, payload: hex("0102") });
  t.same(packet.subarray(0, 8), hex("60000000 0002 11 40"));
  t.equal(packet.length, 42);
  t.throws(() => encodeIpPacket({ source: v6, destination: v6, protocol: IpProtocol.Udp, payload: Buffer.alloc(65536) }), { code: "EXUM_INTERNAL" });
});

t.test("mixed address families are refused", async (t) => {
  t.throws(() => encodeIpPacket({ source: v4a, destination: v6, protocol: IpProtocol.Udp, payload: hex("00") }), { code: "EXUM_INTERNAL", message: /IPv4 source cannot send to an IPv6/ });
});

t.test("UDP (RFC 768): ports, length, a checksum that verifies over IPv4 and IPv6", async (t) => {
  for (const [source, destination] of [[v4a, v4b], [v6, v6]] as const) {
    for (const length of [0, 1, 172, 1001]) {
      const payload = Buffer.alloc(length, 0x5a);
      const udp = encodeUdpDatagram({ source, sourcePort: 30000, destination, destinationPort: 30002, payload });
      const read = readUdp(readIp(encodeIpPacket({ source, destination, protocol: IpProtocol.Udp, payload: udp })));
      t.equal(read.length, 8 + length);
      t.not(read.checksum, 0, "0 would mean no checksum");
      t.ok(read.checksumOk, `IPv${source.family}, ${length} octets`);
      t.same([read.sourcePort, read.destinationPort], [30000, 30002]);
      t.same(read.payload, payload);
    }
  }
});

t.test("TCP (RFC 793 §3.1): header fields, options, a checksum that verifies", async (t) => {
  for (const [source, destination] of [[v4a, v4b], [v6, v6]] as const) {
    const segment = encodeTcpSegment({
      source,
      sourcePort: 40000,
      destination,
      destinationPort: 5061,
      sequence: 0xfffffff0,
      acknowledgment: 0x12345678,
      flags: TcpFlag.Psh | TcpFlag.Ack,
      payload: Buffer.from("OPTIONS sip:x SIP/2.0\r\n\r\n"),
    });
    const tcp = readTcp(readIp(encodeIpPacket({ source, destination, protocol: IpProtocol.Tcp, payload: segment })));
    t.ok(tcp.checksumOk, `IPv${source.family}`);
    t.same([tcp.sourcePort, tcp.destinationPort, tcp.sequence, tcp.acknowledgment, tcp.flags], [40000, 5061, 0xfffffff0, 0x12345678, 0x18]);
    t.equal(tcp.payload.toString(), "OPTIONS sip:x SIP/2.0\r\n\r\n");
  }
  const syn = encodeTcpSegment({ source: v4a, sourcePort: 1, destination: v4b, destinationPort: 2, sequence: 9, acknowledgment: 77, flags: TcpFlag.Syn, options: SYN_OPTIONS });
  t.equal(syn.length, 28);
  t.equal(syn.readUInt8(12) >> 4, 7, "Data Offset counts the options");
  t.equal(syn.readUInt32BE(8), 0, "no ACK bit, no acknowledgment number");
  t.ok(readTcp(readIp(encodeIpPacket({ source: v4a, destination: v4b, protocol: IpProtocol.Tcp, payload: syn }))).checksumOk);
});
