/**
 * A Lync answer the real product's values of are not public (docs/protocol.md §4: "Numeric codes are not public: keep
 * them configurable"): the final status and the `ms-diagnostics` id and reason it carries.
 */
export interface LyncRejection {
  status: number;
  reason: string;
  /** The `ms-diagnostics` ErrorId. */
  diagnosticsCode: number;
  /** The `ms-diagnostics` reason text. */
  diagnosticsReason: string;
}

/** How the simulated Front End pool answers (docs/protocol.md §1, §4, §5, §6). */
export interface PoolSimSettings {
  /**
   * Status of an OPTIONS from a trusted peer. docs/protocol.md §6 names no pool answer; 200 is what an RFC 3261 §11.2
   * server that would accept an INVITE answers.
   * @defaultValue 200
   */
  optionsStatus: number;
  /**
   * The answer to any request on a connection whose certificate chains to a trusted CA but names no server or
   * trusted application of the topology. [INF] The real status and code are not public. Defaults:
   * `403 Forbidden`, `ms-diagnostics: 1099;reason="Peer certificate names no server or trusted application of
   * the topology";source="<pool fqdn>"`. 1099 is in the SIP stack's range (1000–1999, docs/protocol.md §4), chosen away
   * from the low codes MS-OCER lists with other meanings (1000 "Final handshake failed", 1010 "Certificate trust
   * with next-hop server could not be established").
   * @defaultValue { status: 403, reason: "Forbidden", diagnosticsCode: 1099, diagnosticsReason: "…" }
   */
  untrustedPeer: LyncRejection;
  /**
   * Whether a wildcard in a peer's certificate names that peer when the peer is the TLS client (Exchange's own
   * OPTIONS and NOTIFY to the pool: MWI, play-on-phone). [3P] docs/protocol.md §10 "Field failures": "a wildcard
   * certificate that works Lync→Exchange but breaks Exchange→Lync (MWI, play-on-phone; event 1400)": the pool
   * verifies Exchange as a server by its wildcard SAN (RFC 6125), but takes a client only by the FQDN it knows, so
   * `refuse` (the default) lets only an exact Subject Name or SAN entry name a peer; `accept` lets a SAN wildcard
   * cover it too.
   * @defaultValue "refuse"
   */
  peerWildcardNames: "refuse" | "accept";
  /**
   * The status of a request the pool does not take from a trusted peer (REGISTER, SUBSCRIBE, …: anything but OPTIONS,
   * and the INVITE, ACK, CANCEL and BYE of the calls ExumRouting routes). [INF] RFC 3261 §8.2.1: 405 with Allow.
   * @defaultValue 405
   */
  otherMethodStatus: number;
  /**
   * ExumRouting's answer to a call whose user or contact object it cannot read (docs/protocol.md §10, a Microsoft
   * support article [KB]): `SIP/2.0 500 Server Internal Error`, `ms-diagnostics: 15000;reason="Unable to read the user
   * properties publication for the user or contact object.";source="<pool>";appName="ExumRouting"`. The lab gives it to
   * a voice-mail call for no user of the topology, and to an Auto Attendant or Subscriber Access number whose contact
   * object is missing or was moved.
   */
  unknownTarget: LyncRejection;
  /**
   * [INF] ExumRouting's answer when it finds no Exchange UM dial plan for the user: an Exchange 2010 user whose Lync
   * dial plan's name is not the UM dial plan's FQDN (docs/protocol.md §8 [DOC, seed]), or a dial plan with no UM
   * server. The real status and code are not public; default 500 + ms-diagnostics 15004 (the ExumRouting range).
   */
  noUmDialPlan: LyncRejection;
  /**
   * The answer when every UM server tried failed. docs/protocol.md §7 [DOC MS-EUMR]: "when all have been tried it ends
   * the call with **480**"; the ms-diagnostics code is [INF] (15030, the ExumRouting range).
   */
  allServersFailed: LyncRejection;
  /**
   * [INF] MS-EUMR's timer: how long ExumRouting waits for a response from one UM server (or a hop it was redirected to)
   * before it moves on. Not public; default 4000 ms, Lync's TCP connect timeout (docs/protocol.md §7 [3P]).
   * @defaultValue 4000
   */
  serverTimerMs: number;
  /**
   * What the pool does with the Diversion (and History-Info) headers when it follows a redirect. `keep` is what a
   * proxy recursing on a 3xx does (RFC 3261 §16.5: the request is copied; §8.1.3.4: only the Request-URI changes).
   * `drop` reproduces the field failure of docs/protocol.md §10 [3P] — "the Diversion header lost across the 302 so the
   * wrong mailbox answers" — as a peer that loses it would (gateways and SBCs, in the reports).
   * @defaultValue "keep"
   */
  diversionAcrossRedirects: "keep" | "drop";
  /**
   * The `Server:` header. docs/protocol.md §8 [OBS]: "`Server: ExumRouting/<ver>`". Default: the topology's
   * `behaviour.userAgents.pool` (when the handler is given none).
   */
  serverHeader?: string;
}

/** PoolSimSettings defaults (except `serverHeader`, taken from the topology): those of the topology's `behaviour.pool`. */
export const POOL_SIM_DEFAULTS: Readonly<Required<Omit<PoolSimSettings, "serverHeader">>> = {
  optionsStatus: 200,
  untrustedPeer: {
    status: 403,
    reason: "Forbidden",
    diagnosticsCode: 1099,
    diagnosticsReason: "Peer certificate names no server or trusted application of the topology",
  },
  peerWildcardNames: "refuse",
  otherMethodStatus: 405,
  unknownTarget: {
    status: 500,
    reason: "Server Internal Error",
    diagnosticsCode: 15000,
    diagnosticsReason: "Unable to read the user properties publication for the user or contact object.",
  },
  noUmDialPlan: {
    status: 500,
    reason: "Server Internal Error",
    diagnosticsCode: 15004,
    diagnosticsReason: "No Exchange UM dial plan matches the user's dial plan",
  },
  allServersFailed: {
    status: 480,
    reason: "Temporarily Unavailable",
    diagnosticsCode: 15030,
    diagnosticsReason: "Every Exchange UM server of the dial plan failed or timed out",
  },
  serverTimerMs: 4000,
  diversionAcrossRedirects: "keep",
};
