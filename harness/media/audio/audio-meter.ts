import { AUDIO_METER_DEFAULTS, type AudioMeterOptions } from "./audio-meter-options.js";
import type { AudioMeterSummary } from "./audio-meter-summary.js";
import { goertzelPower, meanSquare } from "./goertzel.js";

/** Fed with decoded frames as they arrive; summarises what was heard. Holds counters only, never the audio. */
export interface AudioMeter {
  /** One decoded frame (20 ms of 16-bit PCM for G.711). An empty frame is ignored. */
  push(frame: Int16Array): void;
  summary(): AudioMeterSummary;
}

function validate(options: AudioMeterOptions): Required<AudioMeterOptions> {
  // A field given as undefined takes its default, as an absent one does.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const merged = { ...AUDIO_METER_DEFAULTS, ...given } as Required<AudioMeterOptions>;
  const problems: string[] = [];
  for (const hz of merged.candidateTones) {
    const nyquist = merged.sampleRate / 2;
    if (!(hz > 0 && hz < nyquist)) {
      problems.push(`candidate tone ${hz} Hz must be above 0 and below ${nyquist} Hz (half the sample rate)`);
    }
  }
  if (!(merged.sampleRate > 0)) problems.push(`sampleRate ${merged.sampleRate} must be positive (8000 for G.711)`);
  if (!(merged.silenceDbfs < 0)) problems.push(`silenceDbfs ${merged.silenceDbfs} must be below 0 dBFS (e.g. -50)`);
  if (!(merged.toneShare > 0 && merged.toneShare <= 1)) {
    problems.push(`toneShare ${merged.toneShare} must be in (0, 1] (e.g. 0.5)`);
  }
  if (!(Number.isInteger(merged.minToneFrames) && merged.minToneFrames >= 1)) {
    problems.push(`minToneFrames ${merged.minToneFrames} must be a whole number of frames, at least 1 (e.g. 3)`);
  }
  if (problems.length > 0) throw new Error(`createAudioMeter: ${problems.join("; ")}`);
  return merged;
}

/**
 * An audio meter for one direction of a call: how much of it was sound, how loud, and which of the expected tones
 * were heard. Per frame: silent when its RMS is below `silenceDbfs`; otherwise the strongest candidate tone counts
 * one frame for itself when its Goertzel power is at least `toneShare` of the frame's energy (goertzel.ts). Only
 * the strongest: a 20 ms frame cannot separate tones 20 Hz apart (a 320 Hz tone still has over half its power
 * at 300 and 340 Hz), but the true one is always the strongest. The signals measured play one tone at a time.
 */
export function createAudioMeter(options: AudioMeterOptions): AudioMeter {
  const { candidateTones, sampleRate, silenceDbfs, toneShare, minToneFrames } = validate(options);
  const silentBelow = 10 ** (silenceDbfs / 10); // a mean square (power) threshold: dBFS = 10·log10(mean square)
  const toneFrames = candidateTones.map(() => 0);
  let frames = 0;
  let nonSilentFrames = 0;
  let nonSilentEnergy = 0; // sum of squares over non-silent samples, full scale²
  let nonSilentSamples = 0;
  return {
    push(frame) {
      if (frame.length === 0) return;
      frames++;
      const power = meanSquare(frame);
      if (power < silentBelow) return;
      nonSilentFrames++;
      nonSilentEnergy += power * frame.length;
      nonSilentSamples += frame.length;
      let strongest = -1;
      let strongestPower = toneShare * power;
      candidateTones.forEach((hz, index) => {
        const tonePower = goertzelPower(frame, hz, sampleRate);
        if (tonePower >= strongestPower) [strongest, strongestPower] = [index, tonePower];
      });
      if (strongest >= 0) toneFrames[strongest]!++;
    },
    summary() {
      return {
        frames,
        nonSilentPercent: frames === 0 ? 0 : (100 * nonSilentFrames) / frames,
        levelDbfs: nonSilentSamples === 0 ? null : 10 * Math.log10(nonSilentEnergy / nonSilentSamples),
        tones: candidateTones.filter((_, index) => toneFrames[index]! >= minToneFrames),
      };
    },
  };
}
