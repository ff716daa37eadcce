/**
 * A known test signal the harness sends as its own audio, so the far end (or a loop-back in a test) can be checked
 * for *what* arrived, not only that packets did: the audio meter looks for exactly these tones.
 */

/** One note of a melody: a sine at `hz`, or silence when `hz` is null, for `ms` milliseconds. */
export interface MelodyNote {
  hz: number | null;
  ms: number;
}

/**
 * The harness's greeting: four tones of an A-major arpeggio, none a DTMF frequency (697, 770, 852, 941, 1209,
 * 1336, 1477, 1633 Hz) and one at a time, so an in-band DTMF detector, which needs a row and a column frequency
 * together (ITU-T Q.23), can never take it for a digit. 250 ms tones, 50 ms gaps and a 250 ms pause before it
 * repeats: 1400 ms, 70 frames of 20 ms, 1000 ms of it tone.
 */
export const GREETING_MELODY: readonly MelodyNote[] = Object.freeze([
  { hz: 440, ms: 250 },
  { hz: null, ms: 50 },
  { hz: 554, ms: 250 },
  { hz: null, ms: 50 },
  { hz: 659, ms: 250 },
  { hz: null, ms: 50 },
  { hz: 880, ms: 250 },
  { hz: null, ms: 250 },
]);

/** The distinct tone frequencies of a melody, in order of first appearance: the meter's candidate tones. */
export function melodyTones(notes: readonly MelodyNote[]): number[] {
  return [...new Set(notes.flatMap((note) => (note.hz === null ? [] : [note.hz])))];
}

/**
 * Each tone starts and ends with a short linear ramp: a tone switched on at full amplitude clicks, and the click
 * spreads energy over all frequencies, blurring the tone the meter looks for.
 */
const RAMP_MS = 5;

/**
 * Render a melody as 16-bit linear PCM.
 *
 * @param notes tones (`hz`) and silences (`hz: null`) with their durations
 * @param sampleRate samples per second; 8000 for G.711 (RFC 3551 §4.5.14)
 * @param amplitude peak level as a share of full scale (0.3 ≈ −13.5 dBFS RMS): loud enough to be heard, far from
 *   clipping after G.711 companding
 */
export function melody(notes: readonly MelodyNote[], sampleRate = 8000, amplitude = 0.3): Int16Array {
  if (!(amplitude >= 0 && amplitude <= 1)) {
    throw new Error(`melody: amplitude ${amplitude} must be between 0 and 1 (a share of full scale, e.g. 0.3)`);
  }
  const lengths = notes.map((note) => Math.round((note.ms * sampleRate) / 1000));
  const pcm = new Int16Array(lengths.reduce((sum, length) => sum + length, 0));
  const ramp = Math.max(1, Math.round((RAMP_MS * sampleRate) / 1000));
  let offset = 0;
  notes.forEach((note, index) => {
    const length = lengths[index]!;
    if (note.hz !== null) {
      const omega = (2 * Math.PI * note.hz) / sampleRate;
      for (let n = 0; n < length; n++) {
        const envelope = Math.min(1, (n + 1) / ramp, (length - n) / ramp);
        pcm[offset + n] = Math.round(32767 * amplitude * envelope * Math.sin(omega * n));
      }
    }
    offset += length;
  });
  return pcm;
}

/**
 * The frame with index `frameIndex` of `pcm`, wrapping around its end: a sender that plays for the whole call asks
 * for frame 0, 1, 2, … and hears the signal loop without a gap. Always a new array of `samplesPerFrame` samples.
 *
 * @param samplesPerFrame 160 = 20 ms at 8 kHz, the RTP packet time for G.711 (RFC 3551 §4.5.14, `a=ptime:20`)
 */
export function frameAt(pcm: Int16Array, frameIndex: number, samplesPerFrame = 160): Int16Array {
  const frame = new Int16Array(samplesPerFrame);
  if (pcm.length === 0) return frame;
  const start = (((frameIndex * samplesPerFrame) % pcm.length) + pcm.length) % pcm.length;
  for (let i = 0; i < samplesPerFrame; i++) frame[i] = pcm[(start + i) % pcm.length]!;
  return frame;
}

/**
 * The signal cut into frames of `samplesPerFrame` samples. Once through: the last frame padded with silence.
 * With `loop`, forever, wrapping as `frameAt` does (the caller stops asking when the call ends).
 */
export function* pcmFrames(pcm: Int16Array, samplesPerFrame = 160, loop = false): Generator<Int16Array> {
  if (loop) {
    if (pcm.length === 0) throw new Error("pcmFrames: cannot loop an empty signal (it would yield silence forever)");
    for (let index = 0; ; index++) yield frameAt(pcm, index, samplesPerFrame);
  }
  for (let start = 0; start < pcm.length; start += samplesPerFrame) {
    const frame = new Int16Array(samplesPerFrame);
    frame.set(pcm.subarray(start, start + samplesPerFrame));
    yield frame;
  }
}
