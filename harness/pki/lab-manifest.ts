import type { LabRole } from "./lab-identities.js";
import type { Persona } from "../model/persona.js";

/** The manifest file name under the certs directory. */
export const MANIFEST_FILE = "manifest.json";

/** Files of one entry, relative to the certs directory. */
export interface ManifestFiles {
  /** The certificate (PEM). */
  readonly cert: string;
  /** Its private key (PKCS#8 PEM, mode 0600). */
  readonly key: string;
  /** Certificate then issuer (PEM), what a server sends. */
  readonly chain: string;
  /** PFX/PKCS#12 with key and chain (mode 0600), under `pfxPassphrase`. Servers only. */
  readonly pfx?: string;
}

/** A root CA of the lab PKI. */
export interface ManifestCa {
  readonly name: string;
  readonly description: string;
  readonly files: ManifestFiles;
  readonly subject: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
}

/** One certificate of the lab PKI. */
export interface ManifestEntry {
  readonly name: string;
  /** `server` a lab identity (valid); `mistake` a deliberate mistake. */
  readonly kind: "server" | "mistake";
  readonly role?: LabRole;
  readonly personas?: readonly Persona[];
  readonly description: string;
  readonly fqdns: readonly string[];
  /** The arguments that give `exum certs lint` its intended verdict (with `--ca <root cert>`). */
  readonly lint: { readonly fqdn?: string; readonly peers?: readonly string[] };
  readonly intendedVerdict: "valid" | "invalid";
  /** Error rules that fail (exit 1 when not empty). */
  readonly expectedFailures: readonly string[];
  /** Warning rules that fail. */
  readonly expectedWarnings: readonly string[];
  readonly files: ManifestFiles;
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly fingerprint256: string;
}

/** `certs/manifest.json`: every file of the lab PKI, its role, FQDNs and intended verdict, for scenarios. */
export interface LabManifest {
  readonly schemaVersion: 1;
  readonly generator: "exum certs init";
  /** When the manifest was last written. */
  readonly updatedAt: string;
  /** The lab root every valid certificate chains to (the `--ca` of every lint). */
  readonly root: ManifestCa;
  /** The untrusted second root that signed mistakes/other-ca. */
  readonly otherCa: ManifestCa | undefined;
  /** The lab PFX passphrase (lab material only). */
  readonly pfxPassphrase: string;
  readonly entries: readonly ManifestEntry[];
}
