import t from "tap";
import { goertzelPower, meanSquare } from "./goertzel.js";
import { GREETING_MELODY, frameAt, melody, melodyTones, pcmFrames } from "./tone-signal.js";

const DTMF_FREQUENCIES = [697, 770, 852, 941, 1209, 1336, 1477, 1633];
const take = <T>(iterator: Iterator<T>, count: number): T[] =>
  Array.from({ length: count }, () => iterator.next().value as T);

t.test("the greeting: four distinct tones, none a DTMF frequency, 1400 ms = 70 frames", async (t) => {
  t.same(melodyTones(GREETING_MELODY), [440, 554, 659, 880]);
  for (const hz of melodyTones(GREETING_MELODY)) t.notOk(DTMF_FREQUENCIES.includes(hz), `${hz} Hz is not a DTMF frequency`);
  t.equal(GREETING_MELODY.reduce((sum, note) => sum + note.ms, 0), 1400);
  t.equal(melody(GREETING_MELODY).length, 11200, "8000 samples/s × 1.4 s");
  t.ok(Object.isFrozen(GREETING_MELODY), "a shared constant cannot be changed by a caller");
});

t.test("melody: each note is a sine at its frequency and level, each null a silence", async (t) => {
  const pcm = melody([
    { hz: 1000, ms: 100 },
    { hz: null, ms: 20 },
    { hz: 500, ms: 100 },
  ]);
  t.equal(pcm.length, 1760);
  const tone = pcm.subarray(80, 720); // inside the first note, away from the ramps
  t.ok(Math.abs(Math.max(...tone) - 0.3 * 32767) < 40, "peak at 0.3 of full scale");
  t.ok(goertzelPower(tone, 1000) / meanSquare(tone) > 0.99, "all of its energy at 1000 Hz");
  const second = pcm.subarray(1040, 1680);
  t.ok(goertzelPower(second, 500) / meanSquare(second) > 0.99, "then all of it at 500 Hz");
  t.ok(goertzelPower(second, 1000) / meanSquare(second) < 0.01, "and none left at 1000 Hz");
  t.same([...pcm.subarray(800, 960)], new Array(160).fill(0), "the null note is digital silence");
  t.equal(pcm[0], 0, "starts from zero (ramped in, no click)");
  t.ok(Math.abs(pcm[799]!) < 200, "ramps out at the end of the note");
  t.same([...melody([{ hz: 1000, ms: 10 }], 16000, 0)], new Array(160).fill(0), "amplitude 0 at 16 kHz: 160 zeros");
  t.throws(() => melody([{ hz: 1000, ms: 10 }], 8000, 1.5), /amplitude 1.5 must be between 0 and 1/);
});

t.test("frameAt wraps around the end of the signal, so a sender can play it for the whole call", async (t) => {
  const greeting = melody(GREETING_MELODY);
  t.same(frameAt(greeting, 70), frameAt(greeting, 0), "frame 70 is frame 0 again");
  t.same(frameAt(greeting, 73), frameAt(greeting, 3));
  const ramp = Int16Array.from({ length: 250 }, (_, i) => i);
  const wrapped = frameAt(ramp, 1);
  t.equal(wrapped.length, 160);
  t.same([...wrapped.subarray(0, 90)], Array.from({ length: 90 }, (_, i) => 160 + i), "the last 90 samples");
  t.same([...wrapped.subarray(90)], Array.from({ length: 70 }, (_, i) => i), "then the first 70, no gap");
  t.same([...frameAt(new Int16Array(0), 5, 4)], [0, 0, 0, 0], "an empty signal plays silence");
  t.not(frameAt(greeting, 0).buffer, greeting.buffer, "a copy: the caller may encode or change it");
});

t.test("pcmFrames: once through with the last frame padded, or looping", async (t) => {
  const ramp = Int16Array.from({ length: 250 }, (_, i) => i + 1);
  const once = [...pcmFrames(ramp)];
  t.equal(once.length, 2);
  t.same([...once[1]!.subarray(0, 90)], Array.from({ length: 90 }, (_, i) => 161 + i));
  t.same([...once[1]!.subarray(90)], new Array(70).fill(0), "padded with silence");
  t.same(
    [...pcmFrames(ramp, 100)].map((frame) => frame.length),
    [100, 100, 100],
    "frame size is the caller's",
  );
  const looped = take(pcmFrames(ramp, 160, true), 4);
  t.same(looped[1]!.subarray(90)[0], 1, "the loop continues with the first sample");
  t.same(looped[3], frameAt(ramp, 3));
  const greeting = melody(GREETING_MELODY);
  const frames = take(pcmFrames(greeting, 160, true), 71);
  t.same(frames[70], frames[0], "the greeting loops after 70 frames");
  t.throws(() => pcmFrames(new Int16Array(0), 160, true).next(), /cannot loop an empty signal/);
  t.same([...pcmFrames(new Int16Array(0))], [], "an empty signal has no frames once through");
});
