/**
 * The SDES crypto-suites this SRTP implementation protects and verifies (RFC 4568 §6.2.1, §6.2.2): AES-128 in
 * counter mode with HMAC-SHA1 tags of 80 or 32 bits. Other suites in `harness/sdp/srtp-suites.ts` parse in SDP but
 * cannot be checked on the wire here.
 */
export type SrtpSuiteName = "AES_CM_128_HMAC_SHA1_80" | "AES_CM_128_HMAC_SHA1_32";

/** Which of the two packet kinds a length applies to. */
export type SrtpPacketKind = "rtp" | "rtcp";

const RTP_TAG_BYTES: Readonly<Record<SrtpSuiteName, number>> = {
  AES_CM_128_HMAC_SHA1_80: 10,
  AES_CM_128_HMAC_SHA1_32: 4,
};

/**
 * Length in bytes of the authentication tag a packet of `kind` carries.
 *
 * RFC 4568 §6.2.2 shortens only the SRTP tag of AES_CM_128_HMAC_SHA1_32 to 32 bits, because RFC 3711 §5.2 forbids
 * it for SRTCP: "the default authentication tag length (n_tag) SHALL be 80 bits ... In addition, for SRTCP, the
 * pre-defined HMAC-SHA1 MUST NOT be applied with a value of n_tag, nor n_a, that are smaller than these defaults."
 * So SRTCP keeps 10 bytes whatever the suite.
 */
export function srtpTagLength(suite: SrtpSuiteName, kind: SrtpPacketKind): number {
  return kind === "rtcp" ? 10 : RTP_TAG_BYTES[suite];
}

/** True when `name` is a suite this folder can protect and verify. */
export function isSupportedSrtpSuite(name: string): name is SrtpSuiteName {
  return Object.hasOwn(RTP_TAG_BYTES, name);
}
