import { X509Certificate } from "node:crypto";
import { inputError } from "../errors/harness-error.js";

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Every certificate in a PEM bundle, in order. Throws an input error (`EXUM_TLS_BAD_CERTIFICATE`) naming `what`
 * when the text holds no certificate or one that does not parse.
 */
export function pemCertificates(pem: string, what: string): X509Certificate[] {
  const blocks = pem.match(BLOCK) ?? [];
  if (blocks.length === 0) {
    throw inputError("EXUM_TLS_BAD_CERTIFICATE", `${what} holds no PEM certificate`, {
      hint: "give a PEM file with -----BEGIN CERTIFICATE----- blocks (a PFX needs --pfx)",
    });
  }
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw inputError("EXUM_TLS_BAD_CERTIFICATE", `${what}: certificate ${index + 1} does not parse (${(error as Error).message})`, {
        cause: error,
      });
    }
  });
}
