/** What the audio meter listens for and how strict it is (style.md habit 5: one defaults object, validated once). */
export interface AudioMeterOptions {
  /** Frequencies (Hz) the meter looks for, e.g. `melodyTones(GREETING_MELODY)`. */
  candidateTones: readonly number[];
  /**
   * Samples per second of the frames pushed.
   * @defaultValue 8000 (G.711, RFC 3551 §4.5.14)
   */
  sampleRate?: number;
  /**
   * A frame whose RMS is below this level (dBFS, full scale = 32768) is silent. −50 dBFS is well below speech
   * and the melody (−13.5 dBFS) and above the G.711 idle codes (µ-law 0xFF and A-law 0xD5 decode to 0 and ±8,
   * about −72 dBFS) and the comfort noise of a quiet line.
   * @defaultValue -50
   */
  silenceDbfs?: number;
  /**
   * A candidate tone dominates a frame when it is the strongest candidate and its Goertzel power is at least this
   * share of the frame's mean square (`goertzelPower / meanSquare`: 1 for a pure tone, about 1/80 for white noise
   * in a 160-sample frame).
   * @defaultValue 0.5
   */
  toneShare?: number;
  /**
   * A tone is reported when it dominated at least this many frames (3 frames of 20 ms = 60 ms), so a click or one
   * stray frame is not a tone.
   * @defaultValue 3
   */
  minToneFrames?: number;
}

export const AUDIO_METER_DEFAULTS: Required<Omit<AudioMeterOptions, "candidateTones">> = {
  sampleRate: 8000,
  silenceDbfs: -50,
  toneShare: 0.5,
  minToneFrames: 3,
};
