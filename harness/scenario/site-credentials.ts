import { inputError, isHarnessError } from "../errors/harness-error.js";
import { loadCaFiles } from "../pki/certificate-file.js";
import { loadIdentity } from "../pki/load-identity.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import type { LoadedSite } from "./loaded-site.js";
import type { Persona } from "../model/persona.js";
import type { SiteIdentity } from "./site-identity.js";

/** A site identity loaded: what we present, and the name we claim in From. */
export interface SiteIdentityLoaded {
  readonly identity: TlsIdentity;
  /** Our certificate's first concrete name (a wildcard is no SIP host), or undefined. */
  readonly fromDomain: string | undefined;
}

/** The site's files, read and checked before anything is sent (docs/design.md §9: bad input exits 2, nothing written). */
export interface SiteCredentials {
  readonly caPem: readonly string[];
  /** Each persona the plans play, with its identity (`identities.<persona>`, else `identity`). */
  readonly personas: ReadonlyMap<Persona, SiteIdentityLoaded>;
}

/**
 * Loads the CA bundle and the identity of every persona the run plays from a site file (PEM or PFX; the passphrase
 * from the environment variable `passphraseEnv` names, never from the file). Every problem is an input error (exit
 * 2) naming the site file and field: `EXUM_SITE_PASSPHRASE_MISSING` when the variable is not set, and those of
 * harness/pki `loadIdentity` and `loadCaFiles` (wrong passphrase, key mismatch, not a certificate …).
 */
export async function loadSiteCredentials(loaded: LoadedSite, personas: Iterable<Persona>, env: NodeJS.ProcessEnv): Promise<SiteCredentials> {
  const { site, file } = loaded;
  const caPem = await withField(file, "caBundle", () => loadCaFiles(site.caBundle));
  const loadedPersonas = new Map<Persona, SiteIdentityLoaded>();
  for (const persona of new Set(personas)) {
    const own = site.identities?.[persona];
    const field = own === undefined ? "identity" : `identities.${persona}`;
    const spec: SiteIdentity = own ?? site.identity;
    let passphrase: string | undefined;
    if (spec.passphraseEnv !== undefined) {
      passphrase = env[spec.passphraseEnv];
      if (passphrase === undefined) {
        throw inputError("EXUM_SITE_PASSPHRASE_MISSING", `${file}: ${field}.passphraseEnv names ${spec.passphraseEnv}, which is not set`, {
          file,
          field: `${field}.passphraseEnv`,
          hint: `export ${spec.passphraseEnv}=<the passphrase> before the run (it is never written in the site file)`,
        });
      }
    }
    const identity = await withField(file, field, () => loadIdentity({ certFile: spec.cert, keyFile: spec.key, pfxFile: spec.pfx, passphrase }));
    const fromDomain = [identity.commonName, ...identity.san].find((name) => name !== undefined && name !== "" && !name.includes("*"));
    loadedPersonas.set(persona, { identity: { certPem: identity.certPem, keyPem: identity.keyPem, label: identity.subject }, fromDomain });
  }
  return { caPem, personas: loadedPersonas };
}

/** Runs `load`; an input error it throws is re-thrown naming the site file and field. */
async function withField<T>(file: string, field: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!isHarnessError(error) || error.kind !== "input") throw error;
    throw inputError(error.code, `${file}: ${field}: ${error.message}`, { file, field, ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error });
  }
}
