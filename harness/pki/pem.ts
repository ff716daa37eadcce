/** PEM helpers (RFC 7468): find the blocks of one label in a text, and wrap DER as PEM. */

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;

export interface PemBlock {
  readonly label: string;
  /** The whole block, LF line ends, ending with a newline. */
  readonly pem: string;
}

/** Every PEM block in `text`, in order. */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1] ?? "";
    blocks.push({ label, pem: `${match[0].replace(/\r\n/g, "\n")}\n` });
  }
  return blocks;
}

/** The `CERTIFICATE` blocks of `text`, leaf first as written. */
export function certificatePems(text: string): string[] {
  return pemBlocks(text)
    .filter((block) => block.label === "CERTIFICATE")
    .map((block) => block.pem);
}

/** The first private-key block (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`). */
export function privateKeyPem(text: string): string | undefined {
  return pemBlocks(text).find((block) => block.label.endsWith("PRIVATE KEY"))?.pem;
}

/** The DER bytes of the first PEM block in `pem`. */
export function pemToDer(pem: string): Buffer {
  const body = pem.replace(/-----(BEGIN|END) [A-Z0-9 ]+-----/g, "").replace(/\s+/g, "");
  return Buffer.from(body, "base64");
}
