import { X509Certificate, createPrivateKey } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { internalError } from "../errors/harness-error.js";
import { normalizePem } from "./build-certificate.js";
import { createRootCa } from "./create-root-ca.js";
import type { CertificateAuthority } from "./issued-certificate.js";
import { issueCertificate } from "./issue-certificate.js";
import { generateRsaKeyPairAsync, type KeyPairPem } from "./key-pair.js";
import { LAB_OTHER_CA, LAB_ROOT_CA } from "./lab-identities.js";
import { MANIFEST_FILE, type LabManifest, type ManifestCa, type ManifestEntry, type ManifestFiles } from "./lab-manifest.js";
import { labPlan, type PlannedCertificate } from "./lab-plan.js";
import { lintCertificate } from "./lint-certificate.js";
import { readPfx, toPfx } from "./pfx.js";
import { summarizeCertificate } from "./summarize-certificate.js";
import { PRIVATE_FILE_MODE, PUBLIC_FILE_MODE, writeFileAtomic } from "../files/write-file-atomic.js";

/** The passphrase of the lab PFX files unless `--pfx-passphrase` says otherwise. Lab material only. */
export const DEFAULT_LAB_PFX_PASSPHRASE = "exum";

/** A root is renewed when it has fewer days left than this. */
const CA_RENEW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LabPkiOptions {
  /** Where to write (`certs/` or `--dir`). Created when missing. */
  readonly dir: string;
  /** Regenerate everything, even material that is still good. @defaultValue false */
  readonly force?: boolean;
  /** @defaultValue "exum" */
  readonly pfxPassphrase?: string;
  /** @defaultValue new Date() */
  readonly now?: Date;
  /** Progress lines (never key material). */
  readonly onProgress?: (line: string) => void;
}

export interface LabPkiResult {
  readonly dir: string;
  readonly manifest: LabManifest;
  /** Names of the certificates written by this run (roots included). */
  readonly created: string[];
  /** Names of the certificates found good and kept. */
  readonly kept: string[];
  readonly elapsedMs: number;
}

/**
 * `exum certs init`: makes (or completes) the lab PKI under `dir` — the lab root, one certificate per lab server
 * and persona, the deliberate mistakes, the PFX files and `manifest.json` (docs/design.md §8).
 * Idempotent: a certificate is kept when its files are all there, its key matches, it still chains to the
 * current root and still gets its intended lint verdict; otherwise (or with `force`) it is made again.
 */
export async function generateLabPki(options: LabPkiOptions): Promise<LabPkiResult> {
  const started = performance.now();
  const now = options.now ?? new Date();
  const passphrase = options.pfxPassphrase ?? DEFAULT_LAB_PFX_PASSPHRASE;
  const force = options.force === true;
  const progress = options.onProgress ?? (() => {});
  const dir = options.dir;
  await mkdir(join(dir, "mistakes"), { recursive: true });

  const plan = labPlan();
  const rootFiles = caFiles(LAB_ROOT_CA.name);
  const otherFiles = caFiles(`mistakes/${LAB_OTHER_CA.name}`);
  const existingRoot = force ? undefined : await readGoodCa(dir, rootFiles, LAB_ROOT_CA.commonName, now);
  const existingOther = force ? undefined : await readGoodCa(dir, otherFiles, LAB_OTHER_CA.commonName, now);

  // Decide what to keep before generating anything, so all new keys can be generated at once.
  const keep = new Set<string>();
  if (existingRoot !== undefined) {
    for (const planned of plan) {
      const issuer = planned.signer === "other-ca" ? existingOther : existingRoot;
      if (issuer === undefined && planned.signer !== "self") continue;
      if (await isStillGood(dir, planned, existingRoot, issuer, passphrase, now)) keep.add(planned.name);
    }
  }
  const toMake = plan.filter((planned) => !keep.has(planned.name));
  const needRoot = existingRoot === undefined;
  const needOther = existingOther === undefined && toMake.some((planned) => planned.signer === "other-ca");
  const keyCount = toMake.length + (needRoot ? 1 : 0) + (needOther ? 1 : 0);
  if (keyCount > 0) progress(`generating ${keyCount} RSA key(s)…`);

  // node:crypto generates keys on libuv's thread pool: all at once uses every core.
  const [rootKey, otherKey, ...keys] = await Promise.all([
    needRoot ? generateRsaKeyPairAsync() : undefined,
    needOther ? generateRsaKeyPairAsync() : undefined,
    ...toMake.map((planned) => generateRsaKeyPairAsync(planned.profile.keyBits)),
  ]);

  const created: string[] = [];
  const root = existingRoot ?? createRootCa({ commonName: LAB_ROOT_CA.commonName, keyPair: rootKey as KeyPairPem, now });
  if (needRoot) {
    await writeCa(dir, rootFiles, root);
    created.push(LAB_ROOT_CA.name);
  }
  let other = existingOther;
  if (needOther) {
    other = createRootCa({ commonName: LAB_OTHER_CA.commonName, keyPair: otherKey as KeyPairPem, now });
    await writeCa(dir, otherFiles, other);
    created.push(LAB_OTHER_CA.name);
  }

  for (const [index, planned] of toMake.entries()) {
    const signer = planned.signer === "other-ca" ? other : root;
    if (signer === undefined) throw internalError("EXUM_PKI_PLAN", `no issuer for ${planned.name}`);
    const issued = issueCertificate(signer, { ...planned.profile, keyPair: keys[index] as KeyPairPem, now });
    const files = entryFiles(planned);
    await writeFileAtomic(join(dir, files.key), issued.keyPem, { mode: PRIVATE_FILE_MODE });
    await writeFileAtomic(join(dir, files.cert), issued.certPem, { mode: PUBLIC_FILE_MODE });
    await writeFileAtomic(join(dir, files.chain), issued.chainPem, { mode: PUBLIC_FILE_MODE });
    if (files.pfx !== undefined) {
      await writeFileAtomic(join(dir, files.pfx), toPfx(issued, passphrase, planned.fqdns[0]), { mode: PRIVATE_FILE_MODE });
    }
    created.push(planned.name);
  }

  const entries: ManifestEntry[] = [];
  for (const planned of plan) {
    const certPem = await readFile(join(dir, entryFiles(planned).cert), "utf8");
    entries.push(manifestEntry(planned, certPem));
  }
  const manifest: LabManifest = {
    schemaVersion: 1,
    generator: "exum certs init",
    updatedAt: now.toISOString(),
    root: caEntry(LAB_ROOT_CA.name, "the lab root CA every valid certificate chains to", rootFiles, root.certPem),
    otherCa:
      other === undefined
        ? undefined
        : caEntry(LAB_OTHER_CA.name, "an untrusted second root: the issuer of mistakes/signed-by-other-ca", otherFiles, other.certPem),
    pfxPassphrase: passphrase,
    entries,
  };
  await writeFileAtomic(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PUBLIC_FILE_MODE });
  const kept = plan.filter((planned) => keep.has(planned.name)).map((planned) => planned.name);
  if (!needRoot) kept.unshift(LAB_ROOT_CA.name);
  if (other !== undefined && !needOther) kept.splice(needRoot ? 0 : 1, 0, LAB_OTHER_CA.name);
  return { dir, manifest, created, kept, elapsedMs: performance.now() - started };
}

function caFiles(base: string): ManifestFiles {
  return { cert: `${base}.crt`, key: `${base}.key`, chain: `${base}.crt` };
}

function entryFiles(planned: PlannedCertificate): ManifestFiles {
  return {
    cert: `${planned.base}.crt`,
    key: `${planned.base}.key`,
    chain: `${planned.base}.chain.pem`,
    ...(planned.pfx ? { pfx: `${planned.base}.pfx` } : {}),
  };
}

async function writeCa(dir: string, files: ManifestFiles, ca: CertificateAuthority): Promise<void> {
  await mkdir(dirname(join(dir, files.cert)), { recursive: true });
  await writeFileAtomic(join(dir, files.key), ca.keyPem, { mode: PRIVATE_FILE_MODE });
  await writeFileAtomic(join(dir, files.cert), ca.certPem, { mode: PUBLIC_FILE_MODE });
}

/** Reads a root CA back when its files are there, match, and it has more than 30 days left. */
async function readGoodCa(dir: string, files: ManifestFiles, commonName: string, now: Date): Promise<CertificateAuthority | undefined> {
  const certPem = await readOptional(join(dir, files.cert));
  const keyPem = await readOptional(join(dir, files.key));
  if (certPem === undefined || keyPem === undefined) return undefined;
  try {
    const summary = summarizeCertificate(certPem);
    const x509 = new X509Certificate(certPem);
    const good =
      summary.isCa &&
      summary.selfSigned &&
      summary.commonName === commonName &&
      new Date(summary.validTo).getTime() - now.getTime() > CA_RENEW_DAYS * DAY_MS &&
      new Date(summary.validFrom) <= now &&
      x509.checkPrivateKey(createPrivateKey(keyPem));
    const pem = normalizePem(certPem);
    return good ? { certPem: pem, keyPem, chainPem: pem, caPem: pem } : undefined;
  } catch {
    return undefined;
  }
}

async function isStillGood(
  dir: string,
  planned: PlannedCertificate,
  root: CertificateAuthority,
  issuer: CertificateAuthority | undefined,
  passphrase: string,
  now: Date,
): Promise<boolean> {
  const files = entryFiles(planned);
  const [certPem, keyPem, chainPem] = await Promise.all([files.cert, files.key, files.chain].map((file) => readOptional(join(dir, file))));
  if (certPem === undefined || keyPem === undefined || chainPem === undefined) return false;
  try {
    const summary = summarizeCertificate(certPem);
    if (summary.commonName !== planned.profile.commonName) return false;
    if (summary.san.join(",") !== (planned.profile.dnsNames ?? []).join(",")) return false;
    if (!new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem))) return false;
    const expectedChain = planned.signer === "self" ? certPem : certPem + (issuer?.certPem ?? "");
    if (chainPem !== expectedChain) return false;
    const report = lintCertificate({
      chainPems: [certPem],
      caPems: [root.certPem],
      now,
      ...(planned.lint.fqdn === undefined ? {} : { fqdn: planned.lint.fqdn }),
      ...(planned.lint.peers === undefined ? {} : { peers: planned.lint.peers }),
    });
    const failed = (severity: string) =>
      report.findings.filter((f) => f.status === "fail" && f.severity === severity).map((f) => f.ruleId).sort().join(",");
    if (failed("error") !== [...planned.expectedFailures].sort().join(",")) return false;
    if (failed("warning") !== [...planned.expectedWarnings].sort().join(",")) return false;
    if (files.pfx !== undefined) {
      const pfx = await readOptionalBytes(join(dir, files.pfx));
      if (pfx === undefined || readPfx(pfx, passphrase).certificatePems[0] !== certPem) return false;
    }
    return true;
  } catch {
    return false;
  }
}

function manifestEntry(planned: PlannedCertificate, certPem: string): ManifestEntry {
  const summary = summarizeCertificate(certPem);
  return {
    name: planned.name,
    kind: planned.kind,
    ...(planned.role === undefined ? {} : { role: planned.role }),
    ...(planned.personas === undefined ? {} : { personas: planned.personas }),
    description: planned.description,
    fqdns: planned.fqdns,
    lint: planned.lint,
    intendedVerdict: planned.intendedVerdict,
    expectedFailures: planned.expectedFailures,
    expectedWarnings: planned.expectedWarnings,
    files: entryFiles(planned),
    subject: summary.subject,
    issuer: summary.issuer,
    validFrom: summary.validFrom,
    validTo: summary.validTo,
    fingerprint256: summary.fingerprint256,
  };
}

function caEntry(name: string, description: string, files: ManifestFiles, certPem: string): ManifestCa {
  const summary = summarizeCertificate(certPem);
  return {
    name,
    description,
    files,
    subject: summary.subject,
    validFrom: summary.validFrom,
    validTo: summary.validTo,
    fingerprint256: summary.fingerprint256,
  };
}

async function readOptional(file: string): Promise<string | undefined> {
  return (await readOptionalBytes(file))?.toString("utf8");
}

async function readOptionalBytes(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}
