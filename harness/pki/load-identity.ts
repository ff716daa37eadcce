import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";
import { inputError } from "../errors/harness-error.js";
import { loadCaFiles, readCertificateFile, readInputFile } from "./certificate-file.js";
import type { CertificateSummary } from "./certificate-summary.js";
import { privateKeyPem } from "./pem.js";
import { summarizeCertificate } from "./summarize-certificate.js";

/** Where an identity comes from: `certFile` + `keyFile` (PEM; the key may sit in the cert file), or `pfxFile`. */
export interface IdentityFiles {
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly pfxFile?: string | undefined;
  /** Passphrase of the PFX or of an encrypted PEM key. */
  readonly passphrase?: string | undefined;
  /** CA bundles to trust (PEM or DER). */
  readonly caFiles?: readonly string[] | undefined;
}

/** A client or server identity, ready for node:tls (`cert`, `key`, `ca`). */
export interface LoadedIdentity {
  /** Our certificate then any intermediates from the same file (never a self-signed root). */
  readonly certPem: string;
  /** The private key, PKCS#8 PEM, unencrypted in memory. Never log it. */
  readonly keyPem: string;
  /** Trusted CA certificates from `caFiles`. */
  readonly caPem: string[];
  readonly subject: string;
  readonly commonName: string | undefined;
  readonly san: string[];
  readonly fingerprint256: string;
  readonly summary: CertificateSummary;
}

/**
 * Loads an identity and checks that it is usable before any connection: files exist, hold a certificate and a
 * key, the key opens (passphrase) and matches the certificate. Failures are input errors (exit 2):
 * `EXUM_IDENTITY_INCOMPLETE`, `EXUM_FILE_NOT_FOUND`, `EXUM_NOT_A_CERTIFICATE`, `EXUM_NOT_A_KEY`,
 * `EXUM_KEY_PASSPHRASE`, `EXUM_KEY_MISMATCH`, `EXUM_PFX_PASSPHRASE`, `EXUM_PFX_UNREADABLE`.
 */
export async function loadIdentity(files: IdentityFiles): Promise<LoadedIdentity> {
  let certificatePems: string[];
  let keyText: string | undefined;
  let keySource: { file: string; field: string };
  if (files.pfxFile !== undefined) {
    const pfx = await readCertificateFile(files.pfxFile, { passphrase: files.passphrase, field: "--pfx" });
    certificatePems = pfx.certificatePems;
    keyText = pfx.keyPem;
    keySource = { file: files.pfxFile, field: "--pfx" };
    if (keyText === undefined) {
      throw inputError("EXUM_PFX_NO_KEY", `the PFX ${files.pfxFile} holds no private key`, {
        ...keySource,
        hint: "export it again with the private key (Export-PfxCertificate, or 'Yes, export the private key')",
      });
    }
  } else if (files.certFile !== undefined) {
    const cert = await readCertificateFile(files.certFile, { field: "--cert" });
    certificatePems = cert.certificatePems;
    if (files.keyFile !== undefined) {
      keyText = (await readInputFile(files.keyFile, "--key")).toString("utf8");
      keySource = { file: files.keyFile, field: "--key" };
    } else {
      keyText = cert.keyPem;
      keySource = { file: files.certFile, field: "--cert" };
      if (keyText === undefined) {
        throw inputError("EXUM_IDENTITY_INCOMPLETE", `${files.certFile} has no private key, and no --key was given`, {
          ...keySource,
          hint: "give the key file with --key, or use --pfx",
        });
      }
    }
  } else {
    throw inputError("EXUM_IDENTITY_INCOMPLETE", "no identity given", {
      field: "--cert",
      hint: "give --cert and --key (PEM), or --pfx with --passphrase",
    });
  }
  const key = openKey(keyText, files.passphrase, keySource);
  const leafPem = certificatePems[0] ?? "";
  const leaf = new X509Certificate(leafPem);
  if (!leaf.checkPrivateKey(key)) {
    throw inputError("EXUM_KEY_MISMATCH", `the private key in ${keySource.file} does not belong to the certificate ${files.certFile ?? files.pfxFile}`, {
      ...keySource,
      hint: "pair each certificate with its own key (the .key written beside the .crt by exum certs init)",
    });
  }
  const chain = certificatePems.filter((pem, index) => index === 0 || !isSelfSigned(pem));
  const summary = summarizeCertificate(leafPem);
  return {
    certPem: chain.join(""),
    keyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
    caPem: await loadCaFiles(files.caFiles ?? []),
    subject: summary.subject,
    commonName: summary.commonName,
    san: summary.san,
    fingerprint256: summary.fingerprint256,
    summary,
  };
}

function openKey(text: string | undefined, passphrase: string | undefined, source: { file: string; field: string }): KeyObject {
  const pem = text === undefined ? undefined : privateKeyPem(text);
  if (pem === undefined) {
    throw inputError("EXUM_NOT_A_KEY", `${source.file} holds no private key`, {
      ...source,
      hint: "give the PEM private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)",
    });
  }
  try {
    return createPrivateKey({ key: pem, ...(passphrase === undefined ? {} : { passphrase }) });
  } catch (cause) {
    if (pem.includes("ENCRYPTED")) {
      throw inputError(
        "EXUM_KEY_PASSPHRASE",
        passphrase === undefined ? `the key in ${source.file} is encrypted and no passphrase was given` : `the passphrase does not open the key in ${source.file}`,
        { ...source, hint: "give the key's passphrase with --passphrase", cause },
      );
    }
    throw inputError("EXUM_NOT_A_KEY", `${source.file} holds a private key that cannot be read`, {
      ...source,
      hint: "give an unencrypted PEM key, or convert it: openssl pkey -in old.key -out new.key",
      cause,
    });
  }
}

function isSelfSigned(pem: string): boolean {
  const x509 = new X509Certificate(pem);
  return x509.subject === x509.issuer;
}
