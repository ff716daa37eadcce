import t from "tap";
import type { DtmfPacket } from "./dtmf-packet.js";
import { createDtmfReceiver } from "./dtmf-receiver.js";
import { dtmfDurationMs, dtmfPackets } from "./dtmf-schedule.js";
import { decodeTelephoneEvent } from "./telephone-event.js";

const START = 1_000_000;
const report = (packet: DtmfPacket) => decodeTelephoneEvent(packet.payload)!;
const byTimestamp = (packets: DtmfPacket[]) => {
  const groups = new Map<number, DtmfPacket[]>();
  for (const packet of packets) groups.set(packet.timestamp, [...(groups.get(packet.timestamp) ?? []), packet]);
  return [...groups.values()];
};
/** The packets as the far end receives them, with the continuous sequence numbers the caller gives them. */
const received = (packets: DtmfPacket[], firstSeq = 100) =>
  packets.map((packet, index) => ({ timestamp: packet.timestamp, marker: packet.marker, payload: packet.payload, seq: (firstSeq + index) & 0xffff }));
const receive = (packets: DtmfPacket[]) => {
  const receiver = createDtmfReceiver();
  for (const packet of received(packets)) receiver.push(packet);
  return receiver;
};

t.test('"1#" with the defaults: 20 ms updates, 100 ms tones, 60 ms gaps, volume 10', async (t) => {
  const packets = dtmfPackets("1#", { startTimestamp: START });
  const events = byTimestamp(packets);
  t.equal(events.length, 2, "two events, one timestamp each");
  t.same(
    events.map((event) => event[0]!.timestamp),
    [START, START + 1280],
    "the second digit starts tone + gap = 160 ms = 1280 timestamp units later",
  );
  for (const [index, event] of events.entries()) {
    const name = `digit ${index + 1}`;
    t.same(event.map((packet) => packet.marker), [true, false, false, false, false, false, false], `${name}: marker on the first packet only`);
    t.same(event.map((packet) => report(packet).event), new Array(7).fill(index === 0 ? 1 : 11), `${name}: its event code`);
    t.same(event.map((packet) => report(packet).duration), [160, 320, 480, 640, 800, 800, 800], `${name}: durations`);
    t.same(event.map((packet) => report(packet).end), [false, false, false, false, true, true, true], `${name}: E on the last three`);
    t.same(event.map((packet) => report(packet).volume), new Array(7).fill(10), `${name}: volume`);
    t.same(event.map((packet) => packet.digit), new Array(7).fill(index === 0 ? "1" : "#"));
    const ends = event.slice(4);
    t.ok(ends.every((packet) => packet.payload.equals(ends[0]!.payload)), `${name}: three identical end packets`);
    const growing = event.slice(0, 5).map((packet) => report(packet).duration);
    t.ok(growing.every((duration, i) => i === 0 || duration > growing[i - 1]!), `${name}: durations strictly grow until the end`);
    t.ok(growing[0]! > 0, `${name}: never a zero duration (MS-RTPDT §3.1)`);
  }
  t.same(
    packets.map((packet) => packet.atMs),
    [0, 20, 40, 60, 80, 100, 120, 160, 180, 200, 220, 240, 260, 280],
    "one packet per packet time; the end repeated at the same spacing; the next digit after the gap",
  );
  t.equal(dtmfDurationMs("1#"), 320);
  t.ok(packets.every((packet) => packet.atMs < dtmfDurationMs("1#")), "every packet goes out within the duration");
  t.equal(receive(packets).digits(), "1#", "the receiver gets the digits back");
});

t.test('"1001#1234#": repeated digits stay separate events and round-trip in order', async (t) => {
  const digits = "1001#1234#";
  const packets = dtmfPackets(digits, { startTimestamp: START });
  t.equal(byTimestamp(packets).length, 10, "ten events, though 1 occurs four times");
  t.equal(packets.filter((packet) => packet.marker).length, 10, "ten markers");
  const receiver = receive(packets);
  t.equal(receiver.digits(), digits);
  t.same(
    receiver.events().map((event) => [event.digit, event.durationMs, event.ended, event.packets]),
    [...digits].map((digit) => [digit, 100, true, 7]),
  );
  t.equal(dtmfDurationMs(digits), 1600);
});

t.test("options: packet time, tone, gap, volume, clock rate; timestamps wrap at 2^32", async (t) => {
  const packets = dtmfPackets("5", { startTimestamp: 0, packetMs: 50, toneMs: 200, gapMs: 100, volume: 20 });
  t.same(packets.map((packet) => report(packet).duration), [400, 800, 1200, 1600, 1600, 1600]);
  t.same(packets.map((packet) => packet.atMs), [0, 50, 100, 150, 200, 250]);
  t.ok(packets.every((packet) => report(packet).volume === 20));
  t.equal(dtmfDurationMs("5", { toneMs: 200, gapMs: 100, packetMs: 50 }), 300);

  const wide = dtmfPackets("12", { startTimestamp: 0, clockRate: 16000 });
  t.same(byTimestamp(wide).map((event) => event[0]!.timestamp), [0, 2560], "16 kHz: 160 ms = 2560 units");
  t.equal(report(wide[4]!).duration, 1600);

  const wrapping = dtmfPackets("1#", { startTimestamp: 0xffffff00 });
  t.same(byTimestamp(wrapping).map((event) => event[0]!.timestamp), [0xffffff00, 0x400], "wraps modulo 2^32");
  t.equal(receive(wrapping).digits(), "1#", "and still in order at the receiver");

  const short = dtmfPackets("9", { startTimestamp: START, toneMs: 10 });
  t.same(short.map((packet) => [packet.marker, report(packet).end, report(packet).duration]), [
    [true, true, 80],
    [false, true, 80],
    [false, true, 80],
  ], "a tone shorter than a packet time: one end packet, three times, the first with the marker");

  const uneven = dtmfPackets("9", { startTimestamp: START, toneMs: 90 });
  t.same(uneven.map((packet) => report(packet).duration), [160, 320, 480, 640, 720, 720, 720], "the end reports the tone exactly");

  t.same(dtmfPackets("", { startTimestamp: START }), [], "no digits, no packets");
  t.equal(dtmfDurationMs(""), 0);
  const [first, second] = dtmfPackets("1", { startTimestamp: START }).slice(4);
  first!.payload[0] = 9;
  t.equal(second!.payload[0], 1, "each packet has its own payload buffer");
});

t.test("bad input is refused, naming the character or the option and what to use", async (t) => {
  t.throws(() => dtmfPackets("12x4", { startTimestamp: START }), {
    message: 'DTMF digits "12x4": character 3, "x", is not a DTMF digit: use 0-9, *, # or A-D (RFC 4733 §3.2)',
  });
  t.throws(() => dtmfDurationMs("1 2"), /character 2, " ", is not a DTMF digit/);
  t.throws(() => dtmfPackets("1", { startTimestamp: START, gapMs: 20 }), /gapMs 20 must be a whole number ≥ 40 \(two packet times/);
  t.throws(() => dtmfPackets("1", { startTimestamp: START, volume: 64 }), /volume 64 must be 0 to 63/);
  t.throws(() => dtmfPackets("1", { startTimestamp: START, toneMs: 9000 }), /toneMs 9000 is longer than one event's 16-bit duration allows \(8191 ms\)/);
  t.throws(() => dtmfPackets("1", { startTimestamp: -1 }), /startTimestamp -1 must be a 32-bit RTP timestamp/);
  t.throws(() => dtmfPackets("1", { startTimestamp: START, clockRate: 500, packetMs: 20, toneMs: 101 }), /toneMs 101 is not a whole number of ticks/);
  t.same(
    dtmfPackets("1", { startTimestamp: START, toneMs: undefined }).map((packet) => report(packet).duration).at(-1),
    800,
    "an option given as undefined takes its default",
  );
});
