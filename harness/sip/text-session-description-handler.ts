import type { BodyAndContentType, Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from "sip.js";

/**
 * What the handler saw: the offer it handed sip.js and the answer sip.js handed back, untouched.
 */
export interface SdpExchange {
  offer: string | null;
  answer: string | null;
}

/**
 * A session-description handler with no media engine (docs/sipjs.md "What the project supplies" 2): it returns
 * the offer text the harness built (with its `a=crypto` lines) and records the answer as it came.
 * A far-end re-INVITE offer is answered with the original offer (the harness keeps no media state). The offer is read
 * when sip.js asks for it: an agent kept open across a redirect to the same next hop sends a new offer per INVITE.
 */
export function textSessionDescriptionHandlerFactory(offerOf: () => string, exchangeOf: () => SdpExchange): SessionDescriptionHandlerFactory {
  return (_session: Session): SessionDescriptionHandler => {
    // The session's exchange, fixed when sip.js makes the handler (one per INVITE session).
    const exchange = exchangeOf();
    return {
    close() {},
    async getDescription(): Promise<BodyAndContentType> {
      const offer = offerOf();
      exchange.offer = offer;
      return { body: offer, contentType: "application/sdp" };
    },
    hasDescription(contentType: string) {
      return contentType.toLowerCase() === "application/sdp";
    },
    async setDescription(sdp: string) {
      exchange.answer = sdp;
    },
    sendDtmf() {
      return false;
    },
    };
  };
}
