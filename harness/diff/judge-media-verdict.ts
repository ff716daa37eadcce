import type { MediaVerdict } from "../model/media-evidence.js";
import type { Judgement } from "./diff-entry.js";

/** docs/media.md §7's verdicts, by how much of the media flowed: none, one way (either), both ways. */
const FLOW: Readonly<Record<MediaVerdict, number>> = { none: 0, "one-way-in": 1, "one-way-out": 1, "two-way": 2 };

/**
 * A call's media verdict in run B against run A: less media flowing (two-way → one-way, one-way → none) is a
 * regression, more an improvement, one one-way for the other a change. Not measured (a call shorter than 1 s, none
 * answered) on either side is a change.
 */
export function judgeMediaVerdict(before: MediaVerdict | null, after: MediaVerdict | null): Judgement | null {
  if (before === after) return null;
  if (before === null || after === null) return { class: "change", reason: `media ${before === null ? "not measured in run A" : "not measured in run B"}` };
  const [from, to] = [FLOW[before], FLOW[after]];
  if (to < from) return { class: "regression", reason: `less media flowed: ${after} where run A had ${before}` };
  if (to > from) return { class: "improvement", reason: `more media flowed: ${after} where run A had ${before}` };
  return { class: "change", reason: `the media flowed the other way: ${after} where run A had ${before}` };
}
