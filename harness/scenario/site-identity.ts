import { z } from "zod";

/**
 * Whom the harness presents itself as on a real site (docs/design.md §4): a PEM certificate and key, or a PFX as exported
 * from Windows. Paths are relative to the site file. A passphrase is never written in the file: `passphraseEnv`
 * names the environment variable that holds it.
 */
export const siteIdentitySchema = z
  .strictObject({
    cert: z.string().trim().min(1).optional().describe("PEM certificate (chain allowed; the key may sit in the same file)"),
    key: z.string().trim().min(1).optional().describe("PEM private key, when not in the cert file"),
    pfx: z.string().trim().min(1).optional().describe("PFX/PKCS#12 file with the certificate and its key, instead of cert/key"),
    passphraseEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "expected an environment variable name such as EXUM_PFX_PASSPHRASE" })
      .optional()
      .describe("The environment variable holding the PFX or key passphrase (never the passphrase itself)"),
  })
  .superRefine((identity, ctx) => {
    if (identity.pfx !== undefined && (identity.cert !== undefined || identity.key !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["pfx"], message: "give pfx, or cert (and key), not both", params: { hint: "a PFX already holds the certificate and its key" } });
    } else if (identity.pfx === undefined && identity.cert === undefined) {
      ctx.addIssue({ code: "custom", message: "an identity needs cert (and key) or pfx", params: { hint: "e.g. identity: { pfx: pool01.pfx, passphraseEnv: EXUM_PFX_PASSPHRASE }" } });
    }
  })
  .describe("Our certificate and key: { cert, key } (PEM) or { pfx, passphraseEnv }")
  .meta({ id: "siteIdentity" });

export type SiteIdentity = z.output<typeof siteIdentitySchema>;
