import { createHash, randomBytes } from "node:crypto";
import { access, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { internalError } from "../errors/harness-error.js";
import { generateLabPki } from "../pki/generate-lab-pki.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { generateRsaKeyPairAsync } from "../pki/key-pair.js";
import { LAB_ROOT_CA } from "../pki/lab-identities.js";
import { type Persona } from "../model/persona.js";
import type { LabManifest, ManifestFiles } from "../pki/lab-manifest.js";
import { labPlan } from "../pki/lab-plan.js";
import { readLabManifest } from "../pki/read-lab-manifest.js";
import type { TlsIdentity } from "../tls/tls-identity.js";

/** Absolute paths of one certificate's files. */
export interface LabPkiFiles {
  readonly cert: string;
  readonly key: string;
  /** Certificate then issuer: what a server presents and a client sends. */
  readonly chain: string;
}

/** The lab PKI a running lab uses (docs/design.md §8, `exum certs init`), with absolute paths. */
export interface LabPki {
  readonly dir: string;
  /** The lab root CA certificate: the `--ca` of every client. */
  readonly rootCa: string;
  readonly rootCaPem: string;
  /** Each persona's certificate (docs/design.md §4: `--as pool` presents pool01's certificate). */
  readonly personas: Readonly<Record<Persona, LabPkiFiles>>;
  /** Every certificate of the manifest by name (servers and deliberate mistakes). */
  readonly certificates: Readonly<Record<string, LabPkiFiles>>;
  readonly manifest: LabManifest;
  /** The PEM identity of a certificate name or persona (chain and key); throws EXUM_LAB_NO_CERTIFICATE. */
  identity(name: string): Promise<TlsIdentity>;
  /**
   * A certificate for an FQDN the lab PKI has none for (a custom topology's server), issued in memory by the lab
   * root (CN and SAN = the FQDN) and cached: nothing is written.
   */
  issueFor(fqdn: string): Promise<TlsIdentity>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `dir` holds a complete lab PKI of this version, valid for at least another day. */
async function isComplete(dir: string, now: Date): Promise<LabManifest | null> {
  let manifest: LabManifest;
  try {
    manifest = await readLabManifest(dir);
  } catch {
    return null;
  }
  const names = new Set(manifest.entries.map((entry) => entry.name));
  if (labPlan().some((planned) => !names.has(planned.name))) return null;
  const soon = now.getTime() + DAY_MS;
  if (new Date(manifest.root.validTo).getTime() < soon) return null;
  const servers = manifest.entries.filter((entry) => entry.kind === "server");
  if (servers.some((entry) => new Date(entry.validTo).getTime() < soon)) return null;
  const files = [manifest.root.files, ...manifest.entries.map((entry) => entry.files)].flatMap((f) => [f.cert, f.key, f.chain]);
  for (const file of files) if (!(await exists(join(dir, file)))) return null;
  return manifest;
}

/**
 * The lab PKI under `dir`, created on first use (docs/design.md §5, §8): an existing complete one
 * is used as is; an incomplete or expiring one is completed in place by `generateLabPki` (idempotent); a missing
 * directory is generated into a temporary sibling and renamed into place, so parallel labs (tap runs test files in
 * parallel) sharing one directory never see half a PKI.
 */
export async function ensureLabPki(dir: string, options: { onProgress?: (line: string) => void; now?: Date } = {}): Promise<LabPki> {
  const root = resolve(dir);
  const now = options.now ?? new Date();
  let manifest = await isComplete(root, now);
  if (manifest === null) {
    // Labs of one process (exum run --jobs) that find no PKI wait for one generation rather than each making its own:
    // eight labs making 23 RSA keys each took five times as long as one (docs/design.md §10).
    let making = generating.get(root);
    if (making === undefined) {
      making = makeLabPki(root, now, options.onProgress).finally(() => generating.delete(root));
      generating.set(root, making);
    }
    manifest = await making;
  }
  return labPkiOf(root, manifest);
}

/** The generations in flight in this process, by directory. */
const generating = new Map<string, Promise<LabManifest>>();

async function makeLabPki(root: string, now: Date, onProgress: ((line: string) => void) | undefined): Promise<LabManifest> {
  const options = onProgress === undefined ? {} : { onProgress };
  if (await exists(root)) return (await generateLabPki({ dir: root, now, ...options })).manifest;
  const temp = join(dirname(root), `.${randomBytes(6).toString("hex")}.exum-pki-tmp`);
  try {
    await generateLabPki({ dir: temp, now, ...options });
    await rename(temp, root).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
  const manifest = await isComplete(root, now);
  if (manifest === null) {
    throw internalError("EXUM_LAB_PKI_INCOMPLETE", `the lab PKI in ${root} is incomplete after generating it`, { hint: `remove ${root} and try again` });
  }
  return manifest;
}

function absolute(dir: string, files: ManifestFiles): LabPkiFiles {
  return { cert: join(dir, files.cert), key: join(dir, files.key), chain: join(dir, files.chain) };
}

async function labPkiOf(dir: string, manifest: LabManifest): Promise<LabPki> {
  const certificates: Record<string, LabPkiFiles> = {};
  for (const entry of manifest.entries) certificates[entry.name] = absolute(dir, entry.files);
  const personas = {} as Record<Persona, LabPkiFiles>;
  for (const entry of manifest.entries) for (const persona of entry.personas ?? []) personas[persona] = absolute(dir, entry.files);
  const rootFiles = absolute(dir, manifest.root.files);
  const rootCaPem = await readFile(rootFiles.cert, "utf8");
  const identities = new Map<string, Promise<TlsIdentity>>();
  const identity = (name: string): Promise<TlsIdentity> => {
    const files = certificates[name] ?? personas[name as Persona];
    if (files === undefined) {
      return Promise.reject(
        internalError("EXUM_LAB_NO_CERTIFICATE", `the lab PKI in ${dir} has no certificate "${name}"`, {
          hint: `name one of: ${Object.keys(certificates).join(", ")}`,
        }),
      );
    }
    let loaded = identities.get(name);
    if (loaded === undefined) {
      loaded = Promise.all([readFile(files.chain, "utf8"), readFile(files.key, "utf8")]).then(([certPem, keyPem]) => ({ certPem, keyPem, label: `lab certificate ${name}` }));
      identities.set(name, loaded);
    }
    return loaded;
  };
  const issued = new Map<string, Promise<TlsIdentity>>();
  const issueFor = (fqdn: string): Promise<TlsIdentity> => {
    let made = issued.get(fqdn);
    if (made === undefined) {
      made = (async () => {
        const [keyPem, keyPair] = await Promise.all([readFile(rootFiles.key, "utf8"), generateRsaKeyPairAsync()]);
        const ca = { certPem: rootCaPem, keyPem, chainPem: rootCaPem, caPem: rootCaPem };
        const certificate = issueCertificate(ca, { commonName: fqdn, dnsNames: [fqdn], keyPair });
        return { certPem: certificate.chainPem, keyPem: certificate.keyPem, label: `lab certificate issued for ${fqdn}` };
      })();
      issued.set(fqdn, made);
    }
    return made;
  };
  return { dir, rootCa: rootFiles.cert, rootCaPem, personas, certificates, manifest, identity, issueFor };
}

/**
 * A lab PKI directory shared by every test file of this checkout and version: under the OS temp folder, keyed by
 * a hash of what `certs init` makes (labPlan() and the root's name), so a change to the PKI code gets a new one.
 */
export function sharedLabPkiDir(): string {
  const key = createHash("sha256").update(JSON.stringify({ plan: labPlan(), root: LAB_ROOT_CA, version: 1 })).digest("hex").slice(0, 16);
  return join(tmpdir(), `exum-lab-pki-${key}`);
}
