import { readRtpHeader } from "../rtp/read-rtp-header.js";
import { aesCm, srtpCounterIv } from "./srtp-aes-cm.js";
import { srtpAuthTag } from "./srtp-auth-tag.js";
import { deriveSrtpKeys } from "./srtp-key-derivation.js";
import type { SrtpKeying } from "./srtp-keying.js";
import { encodeMki } from "./srtp-mki.js";
import { guessSrtpIndex } from "./guess-srtp-index.js";
import { srtpTagLength } from "./srtp-suite.js";

/** The sending half of one SRTP session direction: turns our plain RTP and RTCP into SRTP and SRTCP. */
export interface SrtpSender {
  /** SRTP packet of one plain RTP packet; throws when `rtp` is not RTP (a bug in the caller, not the peer). */
  protectRtp(rtp: Buffer): Buffer;
  /** SRTCP packet of one plain (compound) RTCP packet, encrypted (E = 1); throws when `rtcp` is under 8 bytes. */
  protectRtcp(rtcp: Buffer): Buffer;
}

/** RFC 3711 §3.4: "The SRTCP index is a 31-bit counter". */
const SRTCP_INDEX_MODULUS = 0x80000000;

/**
 * The sender of one direction, keyed by the `a=crypto` line we offered or answered. State is kept per SSRC, as
 * RFC 3711 §3.2.1 requires when streams share keys: "separate replay lists and packet counters for each stream
 * (SSRC) MUST still be maintained. Also, separate SRTP indices MUST then be maintained."
 */
export function createSrtpSender(keying: SrtpKeying): SrtpSender {
  const keys = deriveSrtpKeys(keying.masterKey, keying.masterSalt);
  const mki = keying.mki === null ? Buffer.alloc(0) : encodeMki(keying.mki);
  const rtpTagLength = srtpTagLength(keying.suite, "rtp");
  const rtcpTagLength = srtpTagLength(keying.suite, "rtcp");
  /** Per SSRC: the highest index sent, 2^16 * ROC + the highest SEQ. */
  const highestIndex = new Map<number, number>();
  /** Per SSRC: the SRTCP index of the next SRTCP packet. */
  const nextSrtcpIndex = new Map<number, number>();

  return {
    protectRtp(rtp) {
      const read = readRtpHeader(rtp);
      if (!read.ok) throw new Error(`protectRtp was given a packet that is not RTP: ${read.detail}`);
      const { ssrc, sequenceNumber, headerLength } = read.header;
      // §3.3.1: "Each time the RTP sequence number, SEQ, wraps modulo 2^16, the sender side MUST increment ROC by
      // one". The Appendix A guess does that for us (65535 → 0 gives ROC + 1) and also gives a resent older packet
      // its original ROC instead of the current one.
      const guess = guessSrtpIndex(highestIndex.get(ssrc), sequenceNumber);
      if (guess === null) throw new Error(`protectRtp: sequence number ${sequenceNumber} precedes the start of SSRC ${ssrc}`);
      // §3.3 sender steps 5-7: encrypt the payload, append the MKI, then the tag over header + Encrypted Portion.
      // §3.1: "Note that the MKI is not integrity protected".
      const iv = srtpCounterIv(keys.rtp.salt, ssrc, guess.index);
      const authenticated = Buffer.concat([rtp.subarray(0, headerLength), aesCm(keys.rtp.cipherKey, iv, rtp.subarray(headerLength))]);
      const tag = srtpAuthTag(keys.rtp.authKey, authenticated, guess.roc, rtpTagLength);
      // §3.3 step 8: "If necessary, update the ROC as in Section 3.3.1".
      highestIndex.set(ssrc, Math.max(highestIndex.get(ssrc) ?? 0, guess.index));
      return Buffer.concat([authenticated, mki, tag]);
    },

    protectRtcp(rtcp) {
      if (rtcp.length < 8) throw new Error(`protectRtcp was given ${rtcp.length} bytes; an RTCP header and sender SSRC are 8`);
      const ssrc = rtcp.readUInt32BE(4);
      // §3.4: "The SRTCP index MUST be set to zero before the first SRTCP packet is sent, and MUST be incremented
      // by one, modulo 2^31, after each SRTCP packet is sent."
      const index = nextSrtcpIndex.get(ssrc) ?? 0;
      nextSrtcpIndex.set(ssrc, (index + 1) % SRTCP_INDEX_MODULUS);
      // §3.4: "The Encrypted Portion of an SRTCP packet consists of the encryption ... of the RTCP payload ...
      // from the ninth (9) octet to the end of the compound packet. The Authenticated Portion ... consists of the
      // entire equivalent (eventually compound) RTCP packet, the E flag, and the SRTCP index".
      const iv = srtpCounterIv(keys.rtcp.salt, ssrc, index);
      const eAndIndex = Buffer.alloc(4);
      eAndIndex.writeUInt32BE((0x80000000 | index) >>> 0);
      const authenticated = Buffer.concat([rtcp.subarray(0, 8), aesCm(keys.rtcp.cipherKey, iv, rtcp.subarray(8)), eAndIndex]);
      const tag = srtpAuthTag(keys.rtcp.authKey, authenticated, null, rtcpTagLength);
      // Figure 2: E || SRTCP index, then the optional MKI, then the tag.
      return Buffer.concat([authenticated, mki, tag]);
    },
  };
}
