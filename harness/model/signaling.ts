/** How the SIP signalling was carried: plain TCP, TLS where the server did not authenticate us, or mutual TLS. */
export type Signaling = "tcp" | "tls" | "mtls";

/** Every {@link Signaling}, weakest first. */
export const SIGNALINGS: readonly Signaling[] = ["tcp", "tls", "mtls"];

/** A transport as a SIP URI's `transport=` names it. */
export type Transport = "tls" | "tcp";

/** Media as negotiated: plain RTP or SRTP. */
export type MediaProtection = "rtp" | "srtp";
