import t from "tap";
import { createDtmfReceiver, type TelephoneEventPacket } from "./dtmf-receiver.js";
import { dtmfPackets } from "./dtmf-schedule.js";
import { encodeTelephoneEvent } from "./telephone-event.js";

const START = 50_000;
/** The schedule as it goes on the wire: continuous sequence numbers, one per packet, retransmissions included. */
const wire = (digits: string, startTimestamp = START): TelephoneEventPacket[] =>
  dtmfPackets(digits, { startTimestamp }).map((packet, index) => ({
    timestamp: packet.timestamp,
    marker: packet.marker,
    payload: packet.payload,
    seq: (65530 + index) & 0xffff, // crosses the sequence number wrap on the way
  }));
const feed = (packets: TelephoneEventPacket[]) => {
  const receiver = createDtmfReceiver();
  for (const packet of packets) receiver.push(packet);
  return receiver;
};
const isEnd = (packet: TelephoneEventPacket) => (packet.payload[1]! & 0x80) !== 0;

/** A deterministic shuffle (a linear congruential generator drives Fisher-Yates). */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

t.test("one digit per event, not per packet: the three end packets are one digit", async (t) => {
  const receiver = feed(wire("1#"));
  t.equal(receiver.digits(), "1#");
  t.same(receiver.events(), [
    { digit: "1", timestamp: START, durationMs: 100, ended: true, packets: 7 },
    { digit: "#", timestamp: START + 1280, durationMs: 100, ended: true, packets: 7 },
  ]);
});

t.test("duplicated packets (the network delivered each twice) change nothing", async (t) => {
  const receiver = feed(wire("1#").flatMap((packet) => [packet, packet]));
  t.equal(receiver.digits(), "1#");
  t.same(receiver.events().map((event) => event.packets), [7, 7], "counted by distinct sequence number");
});

t.test("reordered packets: the digits keep the order they were pressed in, with their full durations", async (t) => {
  const packets = shuffled(wire("1001#1234#"));
  t.not(packets.map((packet) => packet.seq).join(), wire("1001#1234#").map((packet) => packet.seq).join(), "really shuffled");
  const receiver = feed(packets);
  t.equal(receiver.digits(), "1001#1234#");
  t.ok(receiver.events().every((event) => event.durationMs === 100 && event.ended), "an update after the end does not shorten it");
  const late = feed([...wire("1").filter(isEnd), ...wire("1").filter((packet) => !isEnd(packet))]);
  t.same(late.events()[0], { digit: "1", timestamp: START, durationMs: 100, ended: true, packets: 7 }, "ends first, updates last");
});

t.test("a digit whose end packets were all lost still counts, once", async (t) => {
  const first = wire("1#").filter((packet) => !(packet.timestamp === START && isEnd(packet)));
  const receiver = feed(first);
  t.equal(receiver.digits(), "1#", "counted when the next digit starts");
  t.same(receiver.events()[0], { digit: "1", timestamp: START, durationMs: 80, ended: false, packets: 4 });
  const last = feed(wire("1#").filter((packet) => !(packet.timestamp !== START && isEnd(packet))));
  t.equal(last.digits(), "1#", "and the last digit counts at digits() time, with no later digit to close it");
  t.equal(last.events()[1]!.ended, false);
});

t.test("a started event counts: first packet only, or everything but the marker packet", async (t) => {
  const receiver = createDtmfReceiver();
  const packets = wire("5");
  receiver.push(packets[0]!);
  t.equal(receiver.digits(), "5", "from its first packet on");
  for (const packet of packets.slice(1)) receiver.push(packet);
  t.equal(receiver.digits(), "5", "and still once when the rest arrives");
  t.equal(feed(wire("5").slice(1)).digits(), "5", "without the marker packet");
});

t.test("the same digit twice is two digits: the timestamp, not the event code, tells events apart", async (t) => {
  t.equal(feed(wire("11")).digits(), "11");
  t.equal(feed(shuffled(wire("1111"), 3)).digits(), "1111");
});

t.test("timestamps compare modulo 2^32: a digit after the wrap sorts after one before it", async (t) => {
  const packets = wire("12", 0xffffff00);
  t.equal(packets.at(-1)!.timestamp, 0x400, "the second digit's timestamp wrapped");
  t.equal(feed([...packets].reverse()).digits(), "12", "even when the second digit arrives first");
});

t.test("what is not a DTMF digit is ignored", async (t) => {
  const receiver = createDtmfReceiver();
  receiver.push({ timestamp: 1, marker: true, payload: encodeTelephoneEvent({ event: 16, end: false, volume: 10, duration: 160 }), seq: 1 });
  receiver.push({ timestamp: 2, marker: true, payload: Buffer.from([1, 10]), seq: 2 });
  receiver.push({ timestamp: 3, marker: true, payload: Buffer.alloc(0), seq: 3 });
  t.equal(receiver.digits(), "", "flash (16), a short payload, an empty one");
  t.same(receiver.events(), []);
});

t.test("durations in milliseconds follow the clock rate", async (t) => {
  const receiver = createDtmfReceiver({ clockRate: 16000 });
  receiver.push({ timestamp: 9, marker: true, payload: encodeTelephoneEvent({ event: 12, end: true, volume: 10, duration: 1600 }), seq: 1 });
  t.same(receiver.events(), [{ digit: "A", timestamp: 9, durationMs: 100, ended: true, packets: 1 }]);
  t.throws(() => createDtmfReceiver({ clockRate: 0 }), /clockRate 0 must be positive/);
});
