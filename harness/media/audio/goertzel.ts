/**
 * The power of one frequency in a block of samples, by the Goertzel algorithm: one second-order filter per
 * frequency, cheaper than an FFT when only a few frequencies matter (the melody's four tones, or the eight DTMF
 * frequencies for an in-band cross-check, docs/media.md).
 *
 * Normalisation: samples are taken as a share of full scale (an Int16Array is divided by 32768; a Float32Array is
 * assumed to be in −1…1 already), and the result is 2·|X(f)|²/N², where X(f) is the block's DTFT at `hz` and N
 * its length. That makes the value the mean-square power of the component at `hz`, in the same units as the
 * block's own mean square (`meanSquare`): a sine of amplitude A at `hz` gives A²/2 (0.5 for a full-scale sine,
 * 0.045 for the melody's 0.3), so `goertzelPower / meanSquare` is the share of the block's energy at that
 * frequency, ≈ 1 for a pure tone. The value is exact when the block holds a whole number of periods of `hz`
 * (hz·N/sampleRate an integer); otherwise the sine's negative-frequency image leaks in and moves it by a few
 * percent (under 2 % for each GREETING_MELODY tone in a 160-sample block). A tone Δ Hz away from `hz` falls off
 * as the block's sinc² window: to half power near Δ ≈ 0.44·sampleRate/N (22 Hz for 20 ms frames at 8 kHz) and
 * to nothing at Δ = sampleRate/N (50 Hz).
 *
 * @param samples one block, typically a 20 ms frame (160 samples at 8 kHz)
 * @param hz the frequency to measure; any value, it need not fall on a DFT bin
 * @param sampleRate samples per second of `samples`
 * @returns mean-square power at `hz`, in full scale² (0 for an empty block)
 */
export function goertzelPower(samples: Int16Array | Float32Array, hz: number, sampleRate = 8000): number {
  const n = samples.length;
  if (n === 0) return 0;
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! * scale + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  // |X(ω)|² = s1² + s2² − 2cos(ω)·s1·s2 after the last sample (the phase term drops out of the magnitude).
  const magnitudeSquared = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return (2 * Math.max(0, magnitudeSquared)) / (n * n);
}

/** Mean square of a block, in full scale² (same units as `goertzelPower`): the block's total power. */
export function meanSquare(samples: Int16Array | Float32Array): number {
  if (samples.length === 0) return 0;
  const scale = samples instanceof Int16Array ? 1 / 32768 : 1;
  let sum = 0;
  for (const sample of samples) sum += (sample * scale) ** 2;
  return sum / samples.length;
}
