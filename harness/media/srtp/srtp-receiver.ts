import { diagnoseSrtpFailure } from "./diagnose-srtp-failure.js";
import { guessSrtpIndex } from "./guess-srtp-index.js";
import { isPlausiblePlainRtcp } from "./is-plausible-plain-rtcp.js";
import { isPlausiblePlainRtp } from "./is-plausible-plain-rtp.js";
import { readRtpHeader } from "../rtp/read-rtp-header.js";
import { aesCm, srtpCounterIv } from "./srtp-aes-cm.js";
import { srtpAuthTag, srtpTagMatches } from "./srtp-auth-tag.js";
import { deriveSrtpKeys } from "./srtp-key-derivation.js";
import type { SrtpKeying } from "./srtp-keying.js";
import { encodeMki } from "./srtp-mki.js";
import { SRTP_REPLAY_WINDOW, SrtpReplayWindow } from "./srtp-replay-window.js";
import { srtpTagLength } from "./srtp-suite.js";
import type { SrtpUnprotect } from "./srtp-unprotect.js";

/** The receiving half of one SRTP session direction: verifies and decrypts what the peer sends. */
export interface SrtpReceiver {
  unprotectRtp(packet: Buffer): SrtpUnprotect;
  unprotectRtcp(packet: Buffer): SrtpUnprotect;
}

/** RFC 3711 §3.4: E flag (1 bit) and SRTCP index (31 bits) after the Encrypted Portion. */
const SRTCP_E_AND_INDEX_BYTES = 4;

const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;

function replayed(kind: string, check: "duplicate" | "too-old", detail: string): SrtpUnprotect {
  return check === "duplicate"
    ? { ok: false, reason: "replayed", detail: `${kind} ${detail} was already received (RFC 3711 §3.3.2 Replay List)` }
    : { ok: false, reason: "replayed", detail: `${kind} ${detail} is older than the ${SRTP_REPLAY_WINDOW}-packet window (RFC 3711 §3.3.2)` };
}

/**
 * The receiver of one direction, keyed by the peer's `a=crypto` line. RFC 3711 §3.3 receiver steps, with one
 * deliberate change of order: the tag is verified before the Replay List is consulted (step 5 puts the replay
 * check first). Both orders discard exactly the same packets and neither touches state on a failure; checking the
 * tag first means `replayed` is reported only for authentic copies, while a forged or plain packet that happens
 * to carry an old sequence number is reported as what it is.
 *
 * State (highest index, i.e. ROC and s_l, and the Replay List) is per SSRC and changes only after the tag
 * verifies: §3.3 step 7 comes after step 5, and §3.3.1: "After the packet has been processed and authenticated
 * ... the receiver MUST use v to conditionally update its s_l and ROC variables". A forged packet with a far
 * sequence number therefore cannot move the ROC.
 */
export function createSrtpReceiver(keying: SrtpKeying): SrtpReceiver {
  const keys = deriveSrtpKeys(keying.masterKey, keying.masterSalt);
  const negotiatedMki = keying.mki;
  const expectedMki = negotiatedMki === null ? null : encodeMki(negotiatedMki);
  const mkiLength = expectedMki?.length ?? 0;
  const rtpTagLength = srtpTagLength(keying.suite, "rtp");
  const rtcpTagLength = srtpTagLength(keying.suite, "rtcp");
  const rtpWindows = new Map<number, SrtpReplayWindow>();
  const rtcpWindows = new Map<number, SrtpReplayWindow>();

  return {
    unprotectRtp(packet) {
      const read = readRtpHeader(packet);
      if (!read.ok) return { ok: false, reason: read.problem, detail: read.detail };
      const { ssrc, sequenceNumber, headerLength } = read.header;
      const window = rtpWindows.get(ssrc);
      // §3.3 step 2 / §3.3.1 Appendix A: the index from the locally kept ROC and s_l.
      const guess = guessSrtpIndex(window?.highest, sequenceNumber);
      const what = `SSRC ${hex32(ssrc)} seq ${sequenceNumber}`;

      const minimum = headerLength + mkiLength + rtpTagLength;
      const verifies = (mki: number): boolean => {
        const end = packet.length - mki - rtpTagLength;
        if (guess === null || end < headerLength) return false;
        const expected = srtpAuthTag(keys.rtp.authKey, packet.subarray(0, end), guess.roc, rtpTagLength);
        return srtpTagMatches(packet.subarray(packet.length - rtpTagLength), expected);
      };
      const mkiField = (mki: number): Buffer | null => {
        const start = packet.length - rtpTagLength - mki;
        return start < headerLength ? null : packet.subarray(start, start + mki);
      };

      // §3.3 step 3: "If the MKI indicator in the context is set to one, use the MKI in the SRTP packet"; this
      // context holds one master key, so any other MKI names a key we do not have.
      const mkiMatches = expectedMki === null || mkiField(mkiLength)?.equals(expectedMki) === true;
      if (guess === null || packet.length < minimum || !mkiMatches || !verifies(mkiLength)) {
        const fallback =
          packet.length < minimum
            ? { reason: "too-short" as const, detail: `${packet.length} bytes cannot hold a ${headerLength}-byte header, ${mkiLength}-byte MKI and ${rtpTagLength}-byte tag` }
            : { reason: "auth-failed" as const, detail: `the ${rtpTagLength}-byte tag of ${what} (ROC ${guess?.roc ?? "none"}) does not verify: wrong key, or a corrupted or forged packet` };
        const diagnosis = diagnoseSrtpFailure(negotiatedMki, { verifies, mkiField, looksPlain: isPlausiblePlainRtp(packet), kind: "RTP", fallback });
        return { ok: false, ...diagnosis };
      }
      const { index } = guess;
      const check = window?.check(index) ?? "fresh";
      if (check !== "fresh") return replayed("RTP", check, `${what} (index ${index})`);

      // §3.3 step 6: decrypt the Encrypted Portion; step 8: "remove the MKI and authentication tag fields".
      const iv = srtpCounterIv(keys.rtp.salt, ssrc, index);
      const encryptedEnd = packet.length - mkiLength - rtpTagLength;
      const payload = aesCm(keys.rtp.cipherKey, iv, packet.subarray(headerLength, encryptedEnd));
      // §3.3 step 7: update ROC, s_l and the Replay List, now that the packet is authenticated.
      const updated = window ?? new SrtpReplayWindow();
      updated.accept(index);
      rtpWindows.set(ssrc, updated);
      return { ok: true, packet: Buffer.concat([packet.subarray(0, headerLength), payload]), index: BigInt(index) };
    },

    unprotectRtcp(packet) {
      const trailer = SRTCP_E_AND_INDEX_BYTES + mkiLength + rtcpTagLength;
      if (packet.length < 8) return { ok: false, reason: "too-short", detail: `${packet.length} bytes is shorter than the 8-byte RTCP header` };
      const version = packet.readUInt8(0) >> 6;
      const packetType = packet.readUInt8(1);
      if (version !== 2) return { ok: false, reason: "not-rtp", detail: `RTCP version ${version}, not 2` };
      if (packetType < 192 || packetType > 223) {
        return { ok: false, reason: "not-rtp", detail: `packet type ${packetType} is not an RTCP type (192-223, RFC 5761 §4)` };
      }
      const ssrc = packet.readUInt32BE(4);
      const verifies = (mki: number): boolean => {
        const end = packet.length - mki - rtcpTagLength;
        if (end < 8 + SRTCP_E_AND_INDEX_BYTES) return false;
        const expected = srtpAuthTag(keys.rtcp.authKey, packet.subarray(0, end), null, rtcpTagLength);
        return srtpTagMatches(packet.subarray(packet.length - rtcpTagLength), expected);
      };
      const mkiField = (mki: number): Buffer | null => {
        const start = packet.length - rtcpTagLength - mki;
        return start < 8 + SRTCP_E_AND_INDEX_BYTES ? null : packet.subarray(start, start + mki);
      };

      const mkiMatches = expectedMki === null || mkiField(mkiLength)?.equals(expectedMki) === true;
      if (packet.length < 8 + trailer || !mkiMatches || !verifies(mkiLength)) {
        const fallback =
          packet.length < 8 + trailer
            ? { reason: "too-short" as const, detail: `${packet.length} bytes cannot hold an RTCP header and the ${trailer}-byte SRTCP trailer` }
            : { reason: "auth-failed" as const, detail: `the ${rtcpTagLength}-byte SRTCP tag of SSRC ${hex32(ssrc)} does not verify: wrong key, or a corrupted or forged packet` };
        const diagnosis = diagnoseSrtpFailure(negotiatedMki, { verifies, mkiField, looksPlain: isPlausiblePlainRtcp(packet), kind: "RTCP", fallback });
        return { ok: false, ...diagnosis };
      }

      // §3.4: "The receiver does not need to 'estimate' the index, as it is explicitly signaled in the packet."
      const indexOffset = packet.length - trailer;
      const eAndIndex = packet.readUInt32BE(indexOffset);
      const encrypted = eAndIndex >>> 31 === 1;
      const index = eAndIndex & 0x7fffffff;
      const window = rtcpWindows.get(ssrc);
      // §3.4: "SRTCP replay protection is as defined in Section 3.3.2, but using the SRTCP index as the index i and
      // a separate Replay List that is specific to SRTCP."
      const check = window?.check(index) ?? "fresh";
      if (check !== "fresh") return replayed("RTCP", check, `SSRC ${hex32(ssrc)} SRTCP index ${index}`);

      // §3.4: "SRTCP decryption is performed as in Section 4, but only if the E flag is equal to 1 ... In case the
      // E-flag is 0, the payload is simply left unmodified."
      const body = packet.subarray(8, indexOffset);
      const plainBody = encrypted ? aesCm(keys.rtcp.cipherKey, srtpCounterIv(keys.rtcp.salt, ssrc, index), body) : Buffer.from(body);
      const updated = window ?? new SrtpReplayWindow();
      updated.accept(index);
      rtcpWindows.set(ssrc, updated);
      return { ok: true, packet: Buffer.concat([packet.subarray(0, 8), plainBody]), index };
    },
  };
}
