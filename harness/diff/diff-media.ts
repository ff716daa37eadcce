import type { MediaEvidence, MediaMki } from "../model/media-evidence.js";
import type { Negotiated } from "../model/probe-result.js";
import { changeOf, entryOf, within } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { judgeFailure } from "./judge-failure.js";
import { judgeMediaVerdict } from "./judge-media-verdict.js";
import { judgeExchangeMode, judgeMediaProtection } from "./judge-ranked.js";
import { judgeSrtpSuite } from "./srtp-suite-rank.js";

/** One call's negotiated media and measured media, as the diff reads them. */
export interface CallMedia {
  readonly negotiated: Negotiated | null;
  readonly media: MediaEvidence | null;
}

function mkiText(mki: { readonly sent: MediaMki | null; readonly received: MediaMki | null } | undefined): string | null {
  if (mki === undefined) return null;
  const one = (value: MediaMki | null) => (value === null ? "none" : `${value.value}:${value.length}`);
  return `sent ${one(mki.sent)}, received ${one(mki.received)}`;
}

/**
 * A call's media in run A against run B: Exchange's name for the result (Unsecured ▸ SIPSecured ▸ Secured,
 * docs/protocol.md §2), the protection (SRTP lost is a security regression), the SRTP suite and MKI, the SDP profile,
 * the codec, the media verdict and the RTP failure (docs/media.md §7). What was measured (`media`) speaks where there is
 * some on both sides, else what the SDP negotiated. Packet counts, ports, jitter and timelines vary and are never
 * compared; the suite, MKI and profile only when both sides have the same protection (losing SRTP is the one change).
 */
export function diffMedia(before: CallMedia, after: CallMedia, place: string | null): DiffEntry[] {
  const [a, b] = [before.negotiated, after.negotiated];
  const measured = before.media !== null && after.media !== null;
  const protection = (call: CallMedia) => (measured ? (call.media?.protection ?? null) : (call.negotiated?.media ?? null));
  const suite = (call: CallMedia) => (measured ? (call.media?.suite ?? null) : (call.negotiated?.suite ?? null));
  const [fromProtection, toProtection] = [protection(before), protection(after)];
  const mediaPlace = within(place, "media");
  const entries: DiffEntry[] = [
    ...entryOf(
      "exchange-mode",
      place,
      a?.mode ?? null,
      b?.mode ?? null,
      judgeExchangeMode(a?.mode ?? null, b?.mode ?? null),
    ),
    ...entryOf(
      "media-protection",
      mediaPlace,
      fromProtection,
      toProtection,
      judgeMediaProtection(fromProtection, toProtection),
    ),
  ];
  if (fromProtection === toProtection) {
    entries.push(...entryOf("srtp-suite", mediaPlace, suite(before), suite(after), judgeSrtpSuite(suite(before), suite(after))));
    if (measured) entries.push(...changeOf("srtp-mki", mediaPlace, mkiText(before.media?.mki), mkiText(after.media?.mki), "MKI (RFC 3711 §3.1)"));
    entries.push(...changeOf("sdp-profile", mediaPlace, a?.profile ?? null, b?.profile ?? null, "m= transport profile"));
  }
  if (measured) {
    entries.push(...changeOf("codec", mediaPlace, before.media?.codec ?? null, after.media?.codec ?? null, "codec"));
  }
  const verdict = (call: CallMedia) => call.media?.verdict ?? null;
  if (before.media !== null || after.media !== null) {
    entries.push(...entryOf("media-verdict", mediaPlace, verdict(before) ?? "not measured", verdict(after) ?? "not measured", judgeMediaVerdict(verdict(before), verdict(after))));
    const failure = (call: CallMedia) => call.media?.failure?.code ?? null;
    entries.push(...entryOf("media-failure", mediaPlace, failure(before), failure(after), judgeFailure(failure(before), failure(after))));
  }
  return entries;
}
