import t from "tap";
import { createAudioMeter } from "./audio-meter.js";
import type { AudioMeterOptions } from "./audio-meter-options.js";
import { G711_SILENCE, decodeG711, encodeG711 } from "./g711.js";
import { GREETING_MELODY, melody, melodyTones, pcmFrames } from "./tone-signal.js";

const GREETING_TONES = melodyTones(GREETING_MELODY);

const measure = (pcm: Int16Array, options: AudioMeterOptions = { candidateTones: GREETING_TONES }) => {
  const meter = createAudioMeter(options);
  for (const frame of pcmFrames(pcm)) meter.push(frame);
  return meter.summary();
};

/** Deterministic white noise (a linear congruential generator), uniform in ±amplitude of full scale. */
function whiteNoise(length: number, amplitude: number, seed = 1): Int16Array {
  let state = seed;
  return Int16Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 2 * amplitude * 32767);
  });
}

t.test("the greeting: its four tones, non-silent for the share of time it is tone, at its level", async (t) => {
  const summary = measure(melody(GREETING_MELODY));
  t.equal(summary.frames, 70);
  t.same(summary.tones, [440, 554, 659, 880]);
  // 1000 ms of tone in 1400 ms = 71.4 %; frames straddling a note's edge count as sound.
  t.ok(Math.abs(summary.nonSilentPercent - 71.4) <= 6, `non-silent ${summary.nonSilentPercent.toFixed(1)} % ≈ 71.4 %`);
  t.ok(summary.nonSilentPercent < 100, "the gaps are heard as silence");
  t.ok(Math.abs(summary.levelDbfs! - -13.5) <= 1.5, `level ${summary.levelDbfs?.toFixed(1)} dBFS ≈ -13.5 (0.3 sine)`);
});

t.test("the greeting after a G.711 round trip, both laws, still has its tones", async (t) => {
  const pcm = melody(GREETING_MELODY);
  for (const codec of ["PCMU", "PCMA"] as const) {
    const meter = createAudioMeter({ candidateTones: GREETING_TONES });
    for (const frame of pcmFrames(pcm)) meter.push(decodeG711(codec, encodeG711(codec, frame)));
    const summary = meter.summary();
    t.same(summary.tones, GREETING_TONES, `${codec}: the tones`);
    t.ok(Math.abs(summary.nonSilentPercent - measure(pcm).nonSilentPercent) < 3, `${codec}: the same share of sound`);
  }
});

t.test("silence: 0 %, no level, no tones, whether digital zeros or G.711 idle codes", async (t) => {
  t.same(measure(new Int16Array(8000)), { frames: 50, nonSilentPercent: 0, levelDbfs: null, tones: [] });
  for (const codec of ["PCMU", "PCMA"] as const) {
    const idle = decodeG711(codec, Buffer.alloc(8000, G711_SILENCE[codec]));
    t.same(measure(idle), { frames: 50, nonSilentPercent: 0, levelDbfs: null, tones: [] }, `${codec} idle`);
  }
  t.same(createAudioMeter({ candidateTones: [440] }).summary(), { frames: 0, nonSilentPercent: 0, levelDbfs: null, tones: [] });
});

t.test("white noise: sound all the time, but no tone", async (t) => {
  const summary = measure(whiteNoise(8000, 0.3));
  t.equal(summary.nonSilentPercent, 100);
  t.same(summary.tones, []);
  // Uniform noise in ±0.3: RMS 0.3/√3, -15.2 dBFS.
  t.ok(Math.abs(summary.levelDbfs! - -15.2) < 0.5, `level ${summary.levelDbfs?.toFixed(1)} dBFS`);
});

t.test("a tone counts from three frames (60 ms) and only when it dominates the frame", async (t) => {
  const tone = (ms: number) => melody([{ hz: 1000, ms }, { hz: null, ms: 100 }]);
  t.same(measure(tone(40), { candidateTones: [1000] }).tones, [], "40 ms: two frames, not a tone");
  t.same(measure(tone(60), { candidateTones: [1000] }).tones, [1000], "60 ms: three frames, a tone");
  t.same(measure(tone(40), { candidateTones: [1000], minToneFrames: 2 }).tones, [1000], "minToneFrames is configurable");

  // 1000 Hz at 0.1 under noise of RMS 0.3/√3: the tone has about a sixth of the energy.
  const noisy = whiteNoise(8000, 0.3).map((x, n) => x + Math.round(0.1 * 32767 * Math.sin((2 * Math.PI * 1000 * n) / 8000)));
  t.same(measure(noisy, { candidateTones: [1000] }).tones, [], "a tone under louder noise does not dominate");
  t.same(measure(noisy, { candidateTones: [1000], toneShare: 0.1 }).tones, [1000], "toneShare is configurable");
  t.same(measure(melody(GREETING_MELODY), { candidateTones: [1000, 1633] }).tones, [], "only candidate tones are reported");
  const close = { candidateTones: [300, 320, 340, 360, 380] };
  t.same(measure(melody([{ hz: 320, ms: 600 }]), close).tones, [320], "candidates 20 Hz apart: only the strongest counts");
  t.same(measure(melody([{ hz: 380, ms: 600 }]), close).tones, [380]);
});

t.test("the silence threshold is -50 dBFS unless configured", async (t) => {
  // A 1000 Hz sine at amplitude 10^(-52/20)·√2 has an RMS of -52 dBFS.
  const quiet = melody([{ hz: 1000, ms: 1000 }], 8000, 10 ** (-52 / 20) * Math.SQRT2);
  t.equal(measure(quiet, { candidateTones: [1000] }).nonSilentPercent, 0, "-52 dBFS is silence by default");
  const heard = measure(quiet, { candidateTones: [1000], silenceDbfs: -60 });
  t.equal(heard.nonSilentPercent, 100, "and sound with silenceDbfs -60");
  t.ok(Math.abs(heard.levelDbfs! - -52) < 0.5, `level ${heard.levelDbfs?.toFixed(1)} dBFS`);
  t.same(heard.tones, [1000], "and its tone is found");
});

t.test("bad options are refused once, naming the field and a good value", async (t) => {
  t.throws(() => createAudioMeter({ candidateTones: [5000] }), /candidate tone 5000 Hz must be above 0 and below 4000 Hz/);
  t.throws(() => createAudioMeter({ candidateTones: [440], silenceDbfs: 3 }), /silenceDbfs 3 must be below 0 dBFS/);
  t.throws(() => createAudioMeter({ candidateTones: [440], toneShare: 0 }), /toneShare 0 must be in \(0, 1\]/);
  t.throws(() => createAudioMeter({ candidateTones: [440], minToneFrames: 1.5 }), /minToneFrames 1.5 must be a whole number/);
  const meter = createAudioMeter({ candidateTones: [440] });
  meter.push(new Int16Array(0));
  t.equal(meter.summary().frames, 0, "an empty frame is not a frame");
});
