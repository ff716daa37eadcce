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
   * The status of a request the pool does not take from a trusted peer (INVITE, BYE, …): the lab's pool is an
   * OPTIONS responder only; ExumRouting's routing of calls to UM is the harness's `pool` persona, not a server.
   * [INF] RFC 3261 §8.2.1: 405 with an Allow header.
   * @defaultValue 405
   */
  otherMethodStatus: number;
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
  otherMethodStatus: 405,
};
