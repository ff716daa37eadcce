import { z } from "zod";

/** Windows Schannel's bound on the CA names of a CertificateRequest (KB 2464556, KB 933430: "16 kilobytes"). */
export const SCHANNEL_CA_LIST_BYTES = 16 * 1024;

/**
 * A server's `certificateRequest`: which CA names its TLS listeners list in their CertificateRequest
 * (docs/protocol.md §5 "The CertificateRequest's CA list"). The server trusts the lab root in every case; only the
 * list it sends changes:
 * - `trusted` (default): the CAs it trusts, i.e. the lab root (what OpenSSL sends from its CA list);
 * - `none`: an empty list (Schannel with SendTrustedIssuerList = 0, Windows Server 2012's default [KB]);
 * - `many`: `otherRoots` other root CAs before the lab root, as on a server whose Trusted Root store is full, cut at
 *   Schannel's 16 KB unless `schannelLimit` is false — with enough roots the lab root falls off the end (KB 2464556;
 *   Schannel event 36885).
 */
export const certificateRequestSchema = z
  .strictObject({
    caNames: z
      .enum(["trusted", "none", "many"])
      .default("trusted")
      .describe("trusted = the lab root; none = an empty list; many = otherRoots root CAs, then the lab root"),
    otherRoots: z.number().int().min(1).max(1000).default(300).describe("many: how many other root CAs the server trusts (listed first)"),
    schannelLimit: z
      .boolean()
      .default(true)
      .describe("many: cut the list at 16 KB of names as Windows Schannel does (KB 2464556), which drops the lab root when the others fill it"),
  })
  .describe("The CA names the server's CertificateRequest lists (docs/protocol.md §5); default: the lab root");

export type CertificateRequestSetting = z.output<typeof certificateRequestSchema>;
