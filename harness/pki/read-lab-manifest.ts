import { join } from "node:path";
import { z } from "zod";
import { inputError } from "../errors/harness-error.js";
import { readInputFile } from "./certificate-file.js";
import { MANIFEST_FILE, type LabManifest } from "./lab-manifest.js";

const files = z.object({ cert: z.string(), key: z.string(), chain: z.string(), pfx: z.string().optional() });
const ca = z.object({
  name: z.string(),
  description: z.string(),
  files,
  subject: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});
const entry = z.object({
  name: z.string(),
  kind: z.enum(["server", "mistake"]),
  role: z.string().optional(),
  personas: z.array(z.string()).optional(),
  description: z.string(),
  fqdns: z.array(z.string()),
  lint: z.object({ fqdn: z.string().optional(), peers: z.array(z.string()).optional() }),
  intendedVerdict: z.enum(["valid", "invalid"]),
  expectedFailures: z.array(z.string()),
  expectedWarnings: z.array(z.string()),
  files,
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});
const manifest = z.object({
  schemaVersion: z.literal(1),
  generator: z.literal("exum certs init"),
  updatedAt: z.string(),
  root: ca,
  otherCa: ca.optional(),
  pfxPassphrase: z.string(),
  entries: z.array(entry),
});

/**
 * Reads `<dir>/manifest.json` written by `exum certs init`. Input errors (exit 2): `EXUM_NO_LAB_PKI` when there
 * is none, `EXUM_BAD_MANIFEST` when it is not one this version wrote.
 */
export async function readLabManifest(dir: string): Promise<LabManifest> {
  const file = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = (await readInputFile(file)).toString("utf8");
  } catch (cause) {
    throw inputError("EXUM_NO_LAB_PKI", `there is no lab PKI in ${dir} (no ${MANIFEST_FILE})`, {
      file,
      hint: "create it with: exum certs init (or name the directory with --dir)",
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw inputError("EXUM_BAD_MANIFEST", `${file} is not JSON`, { file, hint: "re-create it: exum certs init --force", cause });
  }
  const parsed = manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw inputError("EXUM_BAD_MANIFEST", `${file} is not a manifest written by exum certs init: ${issue?.message ?? "invalid"}`, {
      file,
      field: issue?.path.join(".") ?? "",
      hint: "re-create it: exum certs init --force",
    });
  }
  return parsed.data as LabManifest;
}
