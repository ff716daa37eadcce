import { X509Certificate } from "node:crypto";
import { pemToDer } from "./pem.js";

/** The outcome of building a path from a leaf to one of the trusted roots. */
export interface ChainVerification {
  readonly ok: boolean;
  /** Subjects from the leaf up to the root that closed the path (or as far as it got). */
  readonly path: string[];
  /** Why not, in words, when `ok` is false. */
  readonly reason?: string;
}

const MAX_DEPTH = 8;

/**
 * Builds the path leaf → intermediates → a root in `rootPems`, checking each signature. Validity dates and
 * names are other rules' business; this answers only "does it chain to the expected root?"
 * (docs/protocol.md §5: "the UM and Lync servers must chain to the same root CA").
 */
export function verifyChain(leafPem: string, intermediatePems: readonly string[], rootPems: readonly string[]): ChainVerification {
  const leaf = new X509Certificate(pemToDer(leafPem));
  const roots = rootPems.map((pem) => new X509Certificate(pemToDer(pem)));
  const intermediates = intermediatePems.map((pem) => new X509Certificate(pemToDer(pem)));
  const path: string[] = [oneLine(leaf.subject ?? "")];
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (roots.some((root) => root.fingerprint256 === current.fingerprint256)) return { ok: true, path };
    const root = roots.find((candidate) => issued(candidate, current));
    if (root !== undefined) return { ok: true, path: [...path, oneLine(root.subject ?? "")] };
    const next = intermediates.find(
      (candidate) => candidate.fingerprint256 !== current.fingerprint256 && issued(candidate, current),
    );
    if (next === undefined) {
      const issuer = current.issuer ?? "";
      const reason =
        current.subject === current.issuer && verifies(current, current)
          ? `the chain ends at the self-signed "${oneLine(issuer)}", which is not among the trusted roots`
          : `no trusted root or intermediate issued "${oneLine(current.subject ?? "")}" (issuer "${oneLine(issuer)}")`;
      return { ok: false, path, reason };
    }
    path.push(oneLine(next.subject ?? ""));
    current = next;
  }
  return { ok: false, path, reason: `no root within ${MAX_DEPTH} certificates` };
}

function issued(issuer: X509Certificate, child: X509Certificate): boolean {
  return child.checkIssued(issuer) && verifies(child, issuer);
}

function verifies(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function oneLine(name: string): string {
  return name.split("\n").reverse().join(", ");
}
