import { createCipheriv } from "node:crypto";

/**
 * The AES counter-mode IV of one SRTP or SRTCP packet.
 *
 * RFC 3711 §4.1.1: "the 128-bit integer value IV SHALL be defined by the SSRC, the SRTP packet index i, and the
 * SRTP session salting key k_s, as below. IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16)". With 16-byte
 * big-endian blocks that is: the 14-byte salt in bytes 0..13, the SSRC XORed into bytes 4..7 and the 48-bit index
 * into bytes 8..13; bytes 14..15 stay zero for the block counter. §3.4: SRTCP uses "the SRTCP index as the index i".
 *
 * @param sessionSalt the 14-byte session salt k_s (label 0x02 for SRTP, 0x05 for SRTCP)
 * @param ssrc the packet's SSRC (RTP header bytes 8..11, RTCP bytes 4..7)
 * @param index the 48-bit SRTP index 2^16 * ROC + SEQ, or the 31-bit SRTCP index
 */
export function srtpCounterIv(sessionSalt: Buffer, ssrc: number, index: number): Buffer {
  const iv = Buffer.alloc(16);
  sessionSalt.copy(iv, 0, 0, 14);
  iv.writeUInt32BE((iv.readUInt32BE(4) ^ ssrc) >>> 0, 4);
  // i * 2^16 spans bytes 8..13: its top 32 bits (the ROC for SRTP) in 8..11, its low 16 bits (SEQ) in 12..13.
  iv.writeUInt32BE((iv.readUInt32BE(8) ^ Math.floor(index / 0x10000)) >>> 0, 8);
  iv.writeUInt16BE(iv.readUInt16BE(12) ^ (index & 0xffff), 12);
  return iv;
}

/**
 * XORs `data` with the AES-CM keystream E(k, IV) || E(k, IV + 1) || ... (RFC 3711 §4.1.1); the same call
 * encrypts and decrypts. Node's `aes-128-ctr` increments the whole 128-bit block, which equals AES-CM here
 * because the low 16 bits start at zero and a packet is far shorter than 2^16 blocks.
 */
export function aesCm(sessionKey: Buffer, iv: Buffer, data: Buffer): Buffer {
  const cipher = createCipheriv("aes-128-ctr", sessionKey, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}
