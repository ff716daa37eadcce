/** What the audio meter heard in one direction of a call: the audio part of the media evidence. */
export interface AudioMeterSummary {
  /** Frames pushed (20 ms each for G.711 at 8 kHz). */
  frames: number;
  /** Share of those frames at or above the silence threshold, 0–100 (0 when no frame was pushed). */
  nonSilentPercent: number;
  /**
   * RMS level over the non-silent frames only, in dBFS (20·log10(RMS / 32768): a full-scale square wave is 0, a
   * full-scale sine −3.0, the melody −13.5); null when every frame was silent.
   */
  levelDbfs: number | null;
  /** The candidate tones that dominated at least `minToneFrames` frames, in the order they were given. */
  tones: number[];
}
