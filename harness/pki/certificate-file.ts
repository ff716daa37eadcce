import { X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { inputError } from "../errors/harness-error.js";
import { derToPem } from "../model/der-to-pem.js";
import { certificatePems, pemBlocks, privateKeyPem } from "./pem.js";

/** A certificate file as read: PEM (one or more certificates, perhaps a key), DER, or PFX/PKCS#12. */
export interface CertificateFile {
  readonly file: string;
  readonly format: "pem" | "der" | "pfx";
  /** Leaf first (for PFX, the certificate that matches the key). */
  readonly certificatePems: string[];
  /** A private key found in the same file (PEM with a key block, or a PFX). */
  readonly keyPem: string | undefined;
}

export interface ReadCertificateOptions {
  /** Passphrase of a PFX. @defaultValue "" (an unprotected PFX) */
  readonly passphrase?: string | undefined;
  /** The flag the file came from (`--ca`, `--cert`), for the error message. */
  readonly field?: string;
}

/**
 * Reads a certificate file of any common format, by content rather than by name. Every failure is an input
 * error (exit 2) naming the file: `EXUM_FILE_NOT_FOUND`, `EXUM_FILE_UNREADABLE`, `EXUM_NOT_A_CERTIFICATE`,
 * `EXUM_PFX_PASSPHRASE`, `EXUM_PFX_UNREADABLE`.
 */
export async function readCertificateFile(file: string, options: ReadCertificateOptions = {}): Promise<CertificateFile> {
  const bytes = await readInputFile(file, options.field);
  const where = { file, ...(options.field === undefined ? {} : { field: options.field }) };
  const text = bytes.toString("latin1");
  if (text.includes("-----BEGIN ")) {
    const certs = certificatePems(text);
    if (certs.length === 0) {
      const labels = pemBlocks(text).map((block) => block.label);
      throw inputError("EXUM_NOT_A_CERTIFICATE", `${file} holds no certificate (it has: ${labels.join(", ") || "no PEM block"})`, {
        ...where,
        hint: "give the certificate file (-----BEGIN CERTIFICATE-----), not the key or the request",
      });
    }
    return { file, format: "pem", certificatePems: certs, keyPem: privateKeyPem(text) };
  }
  const isPfxName = [".pfx", ".p12"].includes(extname(file).toLowerCase());
  if (!isPfxName) {
    try {
      const x509 = new X509Certificate(bytes);
      return { file, format: "der", certificatePems: [derToPem(x509.raw)], keyPem: undefined };
    } catch {
      // not DER X.509: perhaps a PFX without the usual extension
    }
  }
  // PKCS#12 needs node-forge (node:crypto cannot open a PFX); loaded only for one, so that commands given PEM files
  // start without it (docs/design.md §10).
  const { PfxError, readPfx } = await import("./pfx.js");
  try {
    const contents = readPfx(bytes, options.passphrase ?? "");
    if (contents.certificatePems.length === 0) {
      throw inputError("EXUM_NOT_A_CERTIFICATE", `${file} is a PFX without any certificate`, where);
    }
    return { file, format: "pfx", certificatePems: contents.certificatePems, keyPem: contents.keyPem };
  } catch (error) {
    if (!(error instanceof PfxError)) throw error;
    if (error.reason === "passphrase") {
      throw inputError(
        "EXUM_PFX_PASSPHRASE",
        options.passphrase === undefined
          ? `${file} is a PFX protected by a passphrase, and none was given`
          : `the passphrase does not open the PFX ${file}`,
        { file, field: "--passphrase", hint: "give the passphrase the PFX was exported with: --passphrase <text>", cause: error },
      );
    }
    if (isPfxName) {
      throw inputError("EXUM_PFX_UNREADABLE", `${file} is not a PFX/PKCS#12 file that can be read (${error.message})`, {
        ...where,
        hint: "re-export it from Windows (Export-PfxCertificate) or convert it: openssl pkcs12 -in x.pfx -out x.pem -nodes",
        cause: error,
      });
    }
    throw inputError("EXUM_NOT_A_CERTIFICATE", `${file} is not a certificate (not PEM, DER or PFX)`, {
      ...where,
      hint: "give a PEM (-----BEGIN CERTIFICATE-----), DER (.cer) or PFX (.pfx) file",
    });
  }
}

/** Reads a whole input file, turning ENOENT and friends into input errors that name the file. */
export async function readInputFile(file: string, field?: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const where = { file, ...(field === undefined ? {} : { field }), cause };
    if (code === "ENOENT") {
      throw inputError("EXUM_FILE_NOT_FOUND", `${file} does not exist`, { ...where, hint: "check the path (relative paths start at the current directory)" });
    }
    throw inputError("EXUM_FILE_UNREADABLE", `cannot read ${file} (${code ?? String(cause)})`, {
      ...where,
      hint: code === "EACCES" ? "check the file's permissions" : "give the path of a regular file",
    });
  }
}

/** Reads CA bundles (`--ca`, repeatable): every certificate of every file, in order. */
export async function loadCaFiles(files: readonly string[]): Promise<string[]> {
  const pems: string[] = [];
  for (const file of files) pems.push(...(await readCertificateFile(file, { field: "--ca" })).certificatePems);
  return pems;
}
