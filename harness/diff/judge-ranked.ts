import type { MediaProtection, Signaling, Transport } from "../model/signaling.js";
import { SIGNALINGS } from "../model/signaling.js";
import { VOIP_SECURITY_VALUES, type ExchangeMode } from "../model/voip-security.js";
import type { Judgement } from "./diff-entry.js";
import { judgeRank, rankIn } from "./judge-rank.js";

/** Signalling, mutual TLS ▸ TLS ▸ TCP (model/signaling.ts): less in run B is a security regression. */
export function judgeSignaling(before: Signaling | null, after: Signaling | null): Judgement | null {
  return judgeRank(before, after, rankIn(SIGNALINGS), { worse: "security-regression", what: "signalling" });
}

/** A connection's transport, TLS ▸ TCP: TCP in run B where run A had TLS is a security regression. */
export function judgeTransport(before: Transport | null, after: Transport | null): Judgement | null {
  return judgeRank(before, after, rankIn<Transport>(["tcp", "tls"]), { worse: "security-regression", what: "transport" });
}

/** Media protection, SRTP ▸ RTP: SRTP lost is a security regression (docs/media.md §7). */
export function judgeMediaProtection(before: MediaProtection | null, after: MediaProtection | null): Judgement | null {
  return judgeRank(before, after, rankIn<MediaProtection>(["rtp", "srtp"]), { worse: "security-regression", what: "media protection", show: (value) => value.toUpperCase() });
}

/** Exchange's name for what a call negotiated, Secured ▸ SIPSecured ▸ Unsecured (docs/protocol.md §2): less is a security regression. */
export function judgeExchangeMode(before: ExchangeMode | null, after: ExchangeMode | null): Judgement | null {
  return judgeRank(before, after, rankIn(VOIP_SECURITY_VALUES), { worse: "security-regression", what: "Exchange mode" });
}
