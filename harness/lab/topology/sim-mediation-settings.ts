import type { LyncRejection } from "./sim-pool-settings.js";

/** How the simulated Mediation Server answers (docs/protocol.md §1, §2, §4, §6). */
export interface MediationSimSettings {
  /** Status of an OPTIONS from an accepted peer (docs/protocol.md §6: peers ping each other). @defaultValue 200 */
  optionsStatus: number;
  /**
   * The answer to an INVITE whose offer the leg's media policy cannot take (trunk SRTPMode on the gateway side,
   * docs/protocol.md §2). [INF] Not public. Defaults, after the older RTC stack's "488 Encryption Levels not
   * compatible" (docs/protocol.md §2, MS-SDP): `488 Not Acceptable Here` with
   * `ms-diagnostics: 10099;reason="Encryption levels not compatible";source="<mediation fqdn>"`, an id in the
   * Mediation Server's range 10000–10999 (docs/protocol.md §4).
   */
  notAcceptable: LyncRejection;
  /**
   * The answer to an INVITE that offers fax only (T.38, `m=image … udptl t38`). docs/protocol.md §8: "faxing is not
   * supported through a Mediation Server [DOC, seed]"; how it refuses is not public [INF]. Defaults: `488 Not
   * Acceptable Here` (RFC 3261 §21.4.26: the media of the offer cannot be accepted) with
   * `ms-diagnostics: 10098;reason="Fax (T.38) is not supported through a Mediation Server";source="<mediation fqdn>"`.
   */
  faxOffer: LyncRejection;
  /**
   * The answer to a request over TLS whose certificate chains to the lab root but names no peer of that listener:
   * on 5070 a Front End pool, on 5067 a gateway of the topology. [INF] Defaults as the pool's: 403 Forbidden,
   * `ms-diagnostics: 1099;reason="…";source="<mediation fqdn>"` (SIP stack range, docs/protocol.md §4).
   */
  untrustedPeer: LyncRejection;
  /**
   * Whether the TLS listeners check the peer certificate's names (5070: a pool; 5067: a gateway). [INF] Lync only
   * accepts TLS from servers of its topology; turn off to let any lab certificate in.
   * @defaultValue true
   */
  checkPeerNames: boolean;
  /** Status of methods other than INVITE, ACK, BYE, CANCEL, OPTIONS (RFC 3261 §8.2.1). @defaultValue 405 */
  otherMethodStatus: number;
  /**
   * The product string: `Server:` on responses, `User-Agent:` on the BYE it sends. docs/protocol.md §8 [OBS]:
   * "`RTCC/<ver> MediationServer`". Default: the topology's `behaviour.userAgents.mediation`.
   */
  serverHeader?: string;
}

/** MediationSimSettings defaults (except `serverHeader`, taken from the topology): those of the topology's `behaviour.mediation`. */
export const MEDIATION_SIM_DEFAULTS: Readonly<Required<Omit<MediationSimSettings, "serverHeader">>> = {
  optionsStatus: 200,
  notAcceptable: {
    status: 488,
    reason: "Not Acceptable Here",
    diagnosticsCode: 10099,
    diagnosticsReason: "Encryption levels not compatible",
  },
  faxOffer: {
    status: 488,
    reason: "Not Acceptable Here",
    diagnosticsCode: 10098,
    diagnosticsReason: "Fax (T.38) is not supported through a Mediation Server",
  },
  untrustedPeer: {
    status: 403,
    reason: "Forbidden",
    diagnosticsCode: 1099,
    diagnosticsReason: "Peer certificate names no server of the topology for this listener",
  },
  checkPeerNames: true,
  otherMethodStatus: 405,
};
