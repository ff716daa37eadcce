import { aesCm } from "./srtp-aes-cm.js";

/** The three session keys one direction of SRTP (or of SRTCP) uses. */
export interface SrtpSessionKeys {
  /** k_e, the 16-byte AES-128 session encryption key. */
  cipherKey: Buffer;
  /** k_a, the 20-byte HMAC-SHA1 session authentication key (RFC 3711 §5.2: "n_a SHALL be 160 bits"). */
  authKey: Buffer;
  /** k_s, the 14-byte session salt (RFC 3711 §5.1: "n_s SHALL be 112 bits"). */
  salt: Buffer;
}

/** Session keys for SRTP (labels 0x00..0x02) and SRTCP (labels 0x03..0x05) from one master key and salt. */
export interface SrtpDerivedKeys {
  rtp: SrtpSessionKeys;
  rtcp: SrtpSessionKeys;
}

/**
 * RFC 3711 §4.3.1: "Let r = index DIV key_derivation_rate ... Let key_id = <label> || r. Let x = key_id XOR
 * master_salt, where key_id and master_salt are aligned so that their least significant bits agree
 * (right-alignment)." With key_derivation_rate 0 (SDES default; "a DIV 0 = 0") r is six zero bytes, so key_id
 * is 7 bytes and the label lands on byte 7 of the 14-byte salt.
 *
 * §4.3.3: "PRF_n(k_master,x) SHALL be AES in Counter Mode as described in Section 4.1.1, applied to key k_master,
 * and IV equal to (x*2^16), and with the output key stream truncated to the n first (left-most) bits."
 */
function prf(masterKey: Buffer, masterSalt: Buffer, label: number, bytes: number): Buffer {
  const iv = Buffer.alloc(16);
  masterSalt.copy(iv, 0, 0, 14);
  iv.writeUInt8(iv.readUInt8(7) ^ label, 7);
  return aesCm(masterKey, iv, Buffer.alloc(bytes));
}

function sessionKeys(masterKey: Buffer, masterSalt: Buffer, firstLabel: number): SrtpSessionKeys {
  return {
    cipherKey: prf(masterKey, masterSalt, firstLabel, 16),
    authKey: prf(masterKey, masterSalt, firstLabel + 1, 20),
    salt: prf(masterKey, masterSalt, firstLabel + 2, 14),
  };
}

/**
 * Derives the session keys once, as key_derivation_rate 0 requires (§4.3.1: "for a key_derivation_rate of 0, the
 * application of the key derivation SHALL take place exactly once").
 *
 * §4.3.1 labels: "k_e (SRTP encryption): <label> = 0x00 ... k_a (SRTP message authentication): <label> = 0x01 ...
 * k_s (SRTP salting key): <label> = 0x02"; §4.3.2 gives SRTCP 0x03, 0x04 and 0x05 in the same order.
 *
 * @param masterKey the 16-byte master key (first 16 bytes of the `inline:` key)
 * @param masterSalt the 14-byte master salt (the last 14 bytes)
 */
export function deriveSrtpKeys(masterKey: Buffer, masterSalt: Buffer): SrtpDerivedKeys {
  if (masterKey.length !== 16) throw new Error(`SRTP master key is ${masterKey.length} bytes; AES-128 needs 16`);
  if (masterSalt.length !== 14) throw new Error(`SRTP master salt is ${masterSalt.length} bytes; RFC 3711 needs 14`);
  return { rtp: sessionKeys(masterKey, masterSalt, 0x00), rtcp: sessionKeys(masterKey, masterSalt, 0x03) };
}
