import t from "tap";
import { goertzelPower, meanSquare } from "./goertzel.js";

const sine = (hz: number, amplitude: number, length = 160, sampleRate = 8000) =>
  Float32Array.from({ length }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / sampleRate));
const close = (actual: number, expected: number, tolerance: number) => Math.abs(actual - expected) <= tolerance;

t.test("a sine of amplitude A at the measured frequency gives A²/2, its mean square", async (t) => {
  t.ok(close(goertzelPower(sine(1000, 1), 1000), 0.5, 1e-6), "full scale, whole periods: 0.5 (to float precision)");
  t.ok(close(goertzelPower(sine(400, 0.3), 400), 0.045, 1e-6), "0.3 of full scale: 0.045");
  for (const hz of [440, 554, 659, 880]) {
    const power = goertzelPower(sine(hz, 1), hz);
    t.ok(close(power, 0.5, 0.01), `${hz} Hz (not a whole number of periods in 20 ms): ${power.toFixed(4)} within 2 %`);
  }
  t.ok(close(goertzelPower(sine(1000, 1), 1000), meanSquare(sine(1000, 1)), 1e-6), "the same units as meanSquare");
});

t.test("Int16Array samples are shares of 32768, like a Float32Array in -1…1", async (t) => {
  const float = sine(1000, 0.5);
  const int = Int16Array.from(float, (x) => Math.round(x * 32768));
  t.ok(close(goertzelPower(int, 1000), goertzelPower(float, 1000), 1e-5));
  t.ok(close(meanSquare(int), 0.125, 1e-5), "mean square of a half-scale sine");
});

t.test("other frequencies: half power 22 Hz away, nothing at 50 Hz for a 20 ms block", async (t) => {
  const tone = sine(1000, 1);
  t.ok(close(goertzelPower(tone, 1022) / 0.5, 0.5, 0.05), "22 Hz off: about half");
  t.ok(goertzelPower(tone, 1050) < 1e-9, "50 Hz off: a null of the 160-sample window");
  t.ok(goertzelPower(tone, 1500) < 1e-9, "far away: nothing");
  t.ok(goertzelPower(sine(1000, 1, 800), 1022) < 0.01, "a longer block (100 ms) is sharper");
  t.equal(goertzelPower(new Int16Array(0), 1000), 0, "an empty block");
  t.equal(meanSquare(new Float32Array(0)), 0);
  t.ok(close(goertzelPower(sine(3000, 1, 320, 16000), 3000, 16000), 0.5, 1e-6), "any sample rate");
});
