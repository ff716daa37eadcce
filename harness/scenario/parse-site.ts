import { access, constants } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { inputIssuesError, type InputSource } from "../input/input-error.js";
import type { InputIssue, InputPath } from "../input/input-issue.js";
import { issuesFromZod } from "../input/zod-issues.js";
import type { LoadedSite } from "./loaded-site.js";
import { narrowUnionIssues } from "./narrow-union-issues.js";
import { siteSchema, type Site } from "./site-schema.js";
import type { SiteIdentity } from "./site-identity.js";

const PASSPHRASE_HINT =
  "never write a passphrase in a site file: export it in an environment variable and name that variable with passphraseEnv (e.g. passphraseEnv: EXUM_PFX_PASSPHRASE)";

/** The lab's issue mapper, plus the one hint a site file needs that a topology never does. */
function siteIssues(error: z.ZodError, data: unknown): InputIssue[] {
  return issuesFromZod(new z.ZodError(narrowUnionIssues(error.issues)), siteSchema, data).map((issue) =>
    issue.key !== undefined && /^pass(word|phrase)$/i.test(issue.key) ? { ...issue, message: `"${issue.key}" is not allowed here`, hint: PASSPHRASE_HINT } : issue,
  );
}

function absoluteIdentity(identity: SiteIdentity, base: string): SiteIdentity {
  const at = (path: string | undefined) => (path === undefined ? undefined : resolve(base, path));
  return { ...identity, cert: at(identity.cert), key: at(identity.key), pfx: at(identity.pfx) };
}

/**
 * Validates a site file as written (parsed YAML) and makes its identity and CA bundle paths absolute (relative to the
 * site file). Throws `EXUM_SITE_INVALID` (exit 2) naming the file, line, column and path of every problem.
 */
export function parseSite(data: unknown, source: InputSource & { file: string }): LoadedSite {
  const result = siteSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw inputIssuesError("EXUM_SITE_INVALID", siteIssues(result.error, data), source, "site file");
  const base = dirname(resolve(source.file));
  const parsed = result.data;
  const identities =
    parsed.identities === undefined
      ? undefined
      : Object.fromEntries(Object.entries(parsed.identities).map(([persona, identity]) => [persona, identity === undefined ? undefined : absoluteIdentity(identity, base)]));
  const site: Site = {
    ...parsed,
    identity: absoluteIdentity(parsed.identity, base),
    ...(identities === undefined ? {} : { identities }),
    caBundle: parsed.caBundle.map((path) => resolve(base, path)),
  };
  return { file: source.file, site, source };
}

/** Every file a site names, with its path in the site file. */
function namedFiles(site: Site): { path: InputPath; file: string }[] {
  const files: { path: InputPath; file: string }[] = [];
  const identity = (prefix: InputPath, value: SiteIdentity | undefined) => {
    for (const field of ["cert", "key", "pfx"] as const) {
      const file = value?.[field];
      if (file !== undefined) files.push({ path: [...prefix, field], file });
    }
  };
  identity(["identity"], site.identity);
  for (const [persona, value] of Object.entries(site.identities ?? {})) identity(["identities", persona], value);
  site.caBundle.forEach((file, index) => files.push({ path: site.caBundle.length === 1 ? ["caBundle"] : ["caBundle", index], file }));
  return files;
}

/**
 * Checks that the identity and CA files a site names exist and can be read, before any connection: `EXUM_SITE_INVALID`
 * naming the field and its line (their content is checked when the identity is loaded, harness/pki loadIdentity).
 */
export async function checkSiteFiles(loaded: LoadedSite): Promise<void> {
  const issues: InputIssue[] = [];
  for (const { path, file } of namedFiles(loaded.site)) {
    try {
      await access(file, constants.R_OK);
    } catch {
      issues.push({ path, message: `cannot read ${file}`, hint: "paths in a site file are relative to the site file; check the name and the file's permissions" });
    }
  }
  if (issues.length > 0) throw inputIssuesError("EXUM_SITE_INVALID", issues, loaded.source, "site file");
}
