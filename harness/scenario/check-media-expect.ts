import type { MediaEvidence } from "../model/media-evidence.js";
import type { ExpectationResult } from "../model/run-result.js";
import { equalExpectation, expectation } from "./expectation.js";
import type { CallExpect } from "./step-expectations.js";

/** A greeting is heard when at least half of the peer's 20 ms frames were louder than −50 dBFS (docs/media.md §6). */
export const HEARD_PERCENT = 50;

/**
 * The `media` expectations of a call step, each from the media evidence (docs/media.md §6, §7); a call whose media
 * was not measured (held under 1 s, or not answered) meets none of them, and says "nothing".
 */
export function checkMediaExpect(path: string, expect: NonNullable<CallExpect["media"]>, media: MediaEvidence | null): ExpectationResult[] {
  const results: ExpectationResult[] = [];
  if (expect.verdict !== undefined) results.push(equalExpectation(`${path}.verdict`, "media.verdict", expect.verdict, media?.verdict ?? null));
  if (expect.protection !== undefined) results.push(equalExpectation(`${path}.protection`, "media.protection", expect.protection, media?.protection ?? null));
  if (expect.authenticated !== undefined) {
    const received = media?.received ?? null;
    const seen = received === null ? null : `${received.authenticated} of ${received.packets}`;
    const met =
      received !== null &&
      (expect.authenticated === "all" ? received.packets > 0 && received.authenticated === received.packets : received.authenticated >= expect.authenticated);
    results.push(expectation(`${path}.authenticated`, "media.authenticated", expect.authenticated, seen, met));
  }
  for (const direction of ["sent", "received"] as const) {
    const least = expect.minPackets?.[direction];
    if (least === undefined) continue;
    const seen = media?.[direction].packets ?? null;
    results.push(expectation(`${path}.minPackets.${direction}`, `at least media.${direction}.packets`, least, seen, seen !== null && seen >= least));
  }
  if (expect.dtmfSent !== undefined) results.push(equalExpectation(`${path}.dtmfSent`, "media.sent.dtmf", expect.dtmfSent, media?.sent.dtmf ?? null));
  if (expect.dtmfReceived !== undefined) {
    results.push(equalExpectation(`${path}.dtmfReceived`, "media.received.dtmf", expect.dtmfReceived, media?.received.dtmf ?? null));
  }
  if (expect.greeting !== undefined) {
    const percent = media?.received.audio?.nonSilentPercent ?? null;
    const seen = media === null ? null : percent === null ? "no audio" : `${percent}% non-silent`;
    const heard = percent !== null && percent >= HEARD_PERCENT;
    const silent = media !== null && (percent === null || percent === 0);
    results.push(expectation(`${path}.greeting`, "media.greeting", expect.greeting, seen, expect.greeting === "heard" ? heard : silent));
  }
  if (expect.tones !== undefined) {
    const tones = media?.received.audio?.tones ?? null;
    const met = tones !== null && expect.tones.every((tone) => tones.includes(tone));
    results.push(expectation(`${path}.tones`, "media.received.audio.tones", expect.tones, tones, met));
  }
  return results;
}
