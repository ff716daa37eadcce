import { constants, createPrivateKey, privateEncrypt, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { BoundedCache } from "../model/bounded-cache.js";

/**
 * A stand-in for a forge private key whose only job is `sign(md)`: forge hashes the TBSCertificate, and
 * OpenSSL (node:crypto) does the RSA private-key operation, which is far faster than forge's pure-JS bignums.
 * The result is RSASSA-PKCS1-v1_5 (RFC 8017 §8.2): type-1 padding over DER DigestInfo { hash OID, digest }.
 */
export function nodeSigner(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  const key = keys.get(privateKeyPem, () => createPrivateKey(privateKeyPem));
  const sign = (md: forge.md.MessageDigest): string => {
    const oid = forge.pki.oids[md.algorithm];
    if (oid === undefined) throw new Error(`no OID for digest ${md.algorithm}`);
    const { asn1 } = forge;
    const digestInfo = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ""),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, md.digest().getBytes()),
    ]);
    const der = Buffer.from(asn1.toDer(digestInfo).getBytes(), "binary");
    return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, der).toString("binary");
  };
  return { sign } as unknown as forge.pki.rsa.PrivateKey;
}

/**
 * Keys already read, by PEM. Reading a PEM key each time cost three times the RSA operation itself (300 signatures
 * of a 2048-bit key: 224 ms from PEM, 66 ms from a KeyObject; docs/design.md §10), and a CA signs many times.
 */
const keys = new BoundedCache<string, KeyObject>(64);
