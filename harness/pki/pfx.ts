import { X509Certificate, createPrivateKey } from "node:crypto";
import forge from "node-forge";
import { derToPem } from "../model/der-to-pem.js";
import { certificatePems } from "./pem.js";

/**
 * PKCS#12 (PFX) for the Windows-minded user: certificate, its chain and its key under a passphrase.
 * 3DES + SHA-1 MAC (PKCS#12 PBE), the combination every Windows version and OpenSSL 3 (default provider) import.
 */
export function toPfx(
  identity: { readonly keyPem: string; readonly chainPem: string },
  passphrase: string,
  friendlyName?: string,
): Buffer {
  const key = forge.pki.privateKeyFromPem(identity.keyPem);
  const certs = certificatePems(identity.chainPem).map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, {
    algorithm: "3des",
    ...(friendlyName === undefined ? {} : { friendlyName }),
  });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

/** What a PFX held: certificates (the one matching the key first) and the key as PKCS#8 PEM. */
export interface PfxContents {
  readonly certificatePems: string[];
  readonly keyPem: string | undefined;
}

/** Why a PFX could not be opened: `passphrase` (MAC or key decryption failed) or `format` (not PKCS#12 we can read). */
export class PfxError extends Error {
  constructor(
    readonly reason: "passphrase" | "format",
    message: string,
  ) {
    super(message);
    this.name = "PfxError";
  }
}

/** Opens a PFX. Throws {@link PfxError}. */
export function readPfx(der: Uint8Array, passphrase: string): PfxContents {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(Buffer.from(der).toString("binary"));
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const wrongPassphrase = /password|MAC could not be verified|decrypt/i.test(message);
    throw new PfxError(wrongPassphrase ? "passphrase" : "format", message);
  }
  const certs: string[] = [];
  for (const bag of p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ""] ?? []) {
    if (bag.cert) certs.push(forge.pki.certificateToPem(bag.cert).replace(/\r\n/g, "\n"));
    else if (bag.asn1) certs.push(derToPem(Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), "binary")));
  }
  let keyPem: string | undefined;
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]) {
    for (const bag of p12.getBags({ bagType: type ?? "" })[type ?? ""] ?? []) {
      keyPem ??= bagKeyPem(bag);
    }
  }
  if (keyPem !== undefined) {
    const key = createPrivateKey(keyPem);
    const leafIndex = certs.findIndex((pem) => new X509Certificate(pem).checkPrivateKey(key));
    if (leafIndex > 0) certs.unshift(...certs.splice(leafIndex, 1));
  }
  return { certificatePems: certs, keyPem };
}

function bagKeyPem(bag: forge.pkcs12.Bag): string | undefined {
  if (bag.key) {
    return createPrivateKey(forge.pki.privateKeyToPem(bag.key)).export({ type: "pkcs8", format: "pem" }).toString();
  }
  if (bag.asn1) {
    const der = Buffer.from(forge.asn1.toDer(bag.asn1).getBytes(), "binary");
    return createPrivateKey({ key: der, format: "der", type: "pkcs8" }).export({ type: "pkcs8", format: "pem" }).toString();
  }
  return undefined;
}
