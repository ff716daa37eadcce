// harness/sdp: offers per EncryptionLevel/SRTPMode, answer parsing, crypto lines, negotiated-mode classification.
// A pure layer (docs/design.md §2): it imports nothing of ours but harness/errors, and does no I/O.
export { answerOffer, type AnswerOptions } from "./answer-offer.js";
export { NOT_ACCEPTABLE_REASONS, type AnswerResult, type NotAcceptableReason } from "./answer-result.js";
export { buildFaxOffer, isFaxOffer } from "./build-fax-offer.js";
export { buildOffer, type Offer, type OfferOptions } from "./build-offer.js";
export { classifyMedia, type ClassifyMediaInput, type MediaClassification } from "./classify-media.js";
export {
  createCryptoAttribute,
  formatCryptoAttribute,
  parseCryptoAttribute,
  type CryptoAttribute,
  type CryptoAttributeInit,
  type CryptoAttributeParse,
  type Mki,
} from "./crypto-attribute.js";
export { parseEncryptionLevel, policyForEncryptionLevel } from "./encryption-level.js";
export { exchangeSecurityMode } from "./exchange-security-mode.js";
export { isSrtpProtocol } from "./is-srtp-protocol.js";
export type { LocalEndpointOptions } from "./local-endpoint.js";
export { MEDIA_POLICIES, parseMediaPolicy, type MediaPolicy } from "./media-policy.js";
export type { ChoiceSource } from "./parse-choice.js";
export { parseSessionDescription } from "./parse-session-description.js";
export type {
  CryptoscaleAttribute,
  LegacyEncryption,
  MediaDirection,
  ParsedMedia,
  ParsedSessionDescription,
  RtpCodec,
  SdpParseWarning,
  SdpParseWarningCode,
} from "./session-description.js";
export { parseSrtpMode, policyForSrtpMode } from "./srtp-mode.js";
export { srtpPacketOverhead } from "./srtp-packet-overhead.js";
export { MICROSOFT_SRTP_SUITE, SRTP_SUITES, srtpSuiteInfo, type SrtpSuiteInfo } from "./srtp-suites.js";
export { parseVoipSecurity, workerPolicyForVoipSecurity } from "./voip-security.js";
