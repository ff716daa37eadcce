/**
 * What an `exum call` offers: `audio` (PCMU and telephone-event, SRTP as the media policy asks; docs/protocol.md §2) or
 * `fax` (T.38 only, `m=image … udptl t38`; docs/protocol.md §8).
 */
export type CallOffer = "audio" | "fax";

/** Every {@link CallOffer}, the default first. */
export const CALL_OFFERS: readonly [CallOffer, ...CallOffer[]] = ["audio", "fax"];
