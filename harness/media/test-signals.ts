import { GREETING_MELODY, melody, melodyTones, type MelodyNote } from "./audio/tone-signal.js";

/**
 * The signals exum and its lab play (docs/media.md §6, §8). Each uses tones no other one uses and none a DTMF
 * frequency, so a meter on the far side can tell which one it heard: a real Exchange plays speech, which measures as
 * non-silent audio with none of these tones.
 */
export const SIGNAL_NOTES = {
  /** What the caller (exum) plays: the 1004 Hz test tone of telephony (ITU-T O.6 / IEEE 743 reference tone). */
  caller: [{ hz: 1004, ms: 1000 }],
  /** The lab's Subscriber Access and call-answering greeting (a generic voice mail greeting). */
  greeting: GREETING_MELODY,
  /** The lab's Subscriber Access PIN prompt ("Please enter your PIN …"). */
  pinPrompt: [{ hz: 523, ms: 300 }, { hz: null, ms: 100 }, { hz: 392, ms: 300 }, { hz: null, ms: 300 }],
  /** The lab's logon signal after a correct PIN ("You have N new messages"). */
  logon: [{ hz: 784, ms: 400 }, { hz: 1047, ms: 400 }, { hz: null, ms: 200 }],
  /** The lab's Auto Attendant menu ("For sales, press 1 …"). */
  menu: [{ hz: 587, ms: 300 }, { hz: null, ms: 100 }, { hz: 740, ms: 300 }, { hz: null, ms: 300 }],
} as const satisfies Record<string, readonly MelodyNote[]>;

export type SignalName = keyof typeof SIGNAL_NOTES;

/** A mailbox's own greeting: one tone per mailbox (from its name), so a scenario can tell alice's from bob's. */
export function mailboxGreetingNotes(mailbox: string): MelodyNote[] {
  let hash = 0;
  for (const char of mailbox.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  // 300–380 Hz in 20 Hz steps: below every other signal here and every DTMF frequency (697 Hz and up).
  return [{ hz: 300 + (hash % 5) * 20, ms: 600 }, { hz: null, ms: 200 }];
}

/** Every tone the signals here use (the candidate tones a meter looks for). */
export const KNOWN_TONES: readonly number[] = [
  ...new Set([...Object.values(SIGNAL_NOTES).flatMap((notes) => melodyTones(notes)), 300, 320, 340, 360, 380]),
];

/**
 * Signals rendered so far, by their notes. Rendering is pure and cost the lab about a tenth of its CPU per answered
 * call under call load (docs/design.md §10), while a lab plays only a few distinct signals; bounded all the same (a
 * mailbox greeting per name is one of five tones).
 */
const rendered = new Map<string, Int16Array>();
const RENDERED_LIMIT = 64;

/**
 * One signal as 8 kHz PCM. The array is shared between the calls that play the same notes: readers only (the media
 * sender copies frames out of it), never written.
 */
export function signalPcm(notes: readonly MelodyNote[]): Int16Array {
  const key = JSON.stringify(notes);
  let pcm = rendered.get(key);
  if (pcm === undefined) {
    pcm = melody(notes);
    if (rendered.size >= RENDERED_LIMIT) rendered.clear();
    rendered.set(key, pcm);
  }
  return pcm;
}
