import type { SrtpMki } from "./srtp-mki.js";
import { encodeMki } from "./srtp-mki.js";
import type { SrtpRejection } from "./srtp-rejection.js";

/** MKI lengths tried when a peer sends an MKI that was not negotiated: Lync writes 1, others up to 4. */
const GUESSED_MKI_LENGTHS: readonly number[] = [1, 2, 3, 4];

/** Ways of reading the tail of one packet that failed the negotiated reading. */
export interface SrtpPacketReadings {
  /** True when the tag verifies with the last `mkiLength` + tag bytes read as MKI and tag. */
  verifies(mkiLength: number): boolean;
  /** The bytes an MKI of `mkiLength` would occupy, or null when the packet is too short to hold one. */
  mkiField(mkiLength: number): Buffer | null;
  /** The packet as a whole looks like unprotected RTP (or RTCP). */
  looksPlain: boolean;
  /** "RTP" or "RTCP", for the sentences. */
  kind: "RTP" | "RTCP";
  /** Why the negotiated reading failed, for `auth-failed`, or the reason it could not even be tried. */
  fallback: { reason: SrtpRejection; detail: string };
}

/**
 * Names the interop failure behind a packet whose negotiated reading failed (docs/media.md: "A peer that
 * negotiates an MKI and sends none, or the reverse, is a classic interop failure: report it by name").
 *
 * The MKI is not covered by the tag (RFC 3711 §3.1: "Note that the MKI is not integrity protected"), so a packet
 * read with the wrong MKI length still verifies once the split between payload, MKI and tag is right: a tag that
 * verifies under one other split is proof of what the peer did. Order of the readings:
 * 1. MKI negotiated: without an MKI → `mki-missing`; with the negotiated length but another value, or another
 *    length of 1–4 bytes → `mki-unknown`.
 * 2. No MKI negotiated: with a 1–4 byte MKI → `mki-unexpected`.
 * 3. No reading verifies but the packet is a clean plain packet → `plain-rtp`.
 * 4. Otherwise the fallback (`auth-failed`, or `too-short` when the packet cannot hold the negotiated trailer).
 */
export function diagnoseSrtpFailure(negotiated: SrtpMki | null, readings: SrtpPacketReadings): { reason: SrtpRejection; detail: string } {
  const { kind } = readings;
  if (negotiated !== null) {
    const expected = encodeMki(negotiated);
    const mkiName = `${negotiated.value}:${negotiated.length}`;
    if (readings.verifies(0)) {
      return {
        reason: "mki-missing",
        detail: `MKI ${mkiName} was negotiated but the ${kind} packets carry none: the tag verifies only when the packet is read without an MKI`,
      };
    }
    const field = readings.mkiField(negotiated.length);
    if (field !== null && !field.equals(expected) && readings.verifies(negotiated.length)) {
      return { reason: "mki-unknown", detail: `the ${kind} packet carries MKI 0x${field.toString("hex")}, not the negotiated ${mkiName} (0x${expected.toString("hex")})` };
    }
    for (const length of GUESSED_MKI_LENGTHS) {
      if (length === negotiated.length || !readings.verifies(length)) continue;
      const other = readings.mkiField(length)?.toString("hex") ?? "";
      return {
        reason: "mki-unknown",
        detail: `the ${kind} packet carries a ${length}-byte MKI 0x${other}, not the negotiated ${mkiName} of ${negotiated.length} bytes`,
      };
    }
  } else {
    for (const length of GUESSED_MKI_LENGTHS) {
      if (!readings.verifies(length)) continue;
      const field = readings.mkiField(length)?.toString("hex") ?? "";
      return {
        reason: "mki-unexpected",
        detail: `no MKI was negotiated but the ${kind} packets carry a ${length}-byte MKI 0x${field}: the tag verifies only when the packet is read with one`,
      };
    }
  }
  if (readings.looksPlain) {
    return {
      reason: "plain-rtp",
      detail: `the tag does not verify and the packet is a well-formed plain ${kind} packet: the peer sends ${kind} unprotected on an SRTP line`,
    };
  }
  return readings.fallback;
}
