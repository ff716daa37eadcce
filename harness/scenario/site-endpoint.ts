import { z } from "zod";
import { fqdnSchema } from "../lab/index.js";

/** A real server a role is bound to: its FQDN and, where it differs from the product's, its ports. */
export interface SiteEndpoint {
  readonly fqdn: string;
  /** The TLS port; the role's usual one (docs/protocol.md §1) when absent. */
  readonly tlsPort: number | null;
  /** The TCP port; the role's usual one when absent. */
  readonly tcpPort: number | null;
}

const LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
const HOST_PORT = new RegExp(`^(${LABEL}(?:\\.${LABEL})+)(?::(\\d{1,5}))?$`);
const ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;

const port = z.number().int().min(1).max(65535);

function noAddress(fqdn: string, ctx: z.RefinementCtx): void {
  if (ADDRESS.test(fqdn)) {
    ctx.addIssue({
      code: "custom",
      message: "roles are bound to FQDNs (certificates name FQDNs), not addresses",
      params: { hint: "write the server's FQDN here and map it to its address under resolve: (fqdn:port:address)" },
    });
  }
}

/** `cas01.contoso.com`, `cas01.contoso.com:5061` (the TLS port), or `{ fqdn, tlsPort, tcpPort }`. */
export const siteEndpointSchema = z
  .union([
    z
      .string()
      .trim()
      .regex(HOST_PORT, { message: "expected a server FQDN, optionally with its TLS port (cas01.contoso.com:5061)" })
      .superRefine((text, ctx) => {
        const [host = "", portText] = text.split(":");
        noAddress(host, ctx);
        if (portText !== undefined && !port.safeParse(Number(portText)).success) ctx.addIssue({ code: "custom", message: `port ${portText} is not 1 to 65535` });
      })
      .transform((text): SiteEndpoint => {
        const [host = "", portText] = text.split(":");
        return { fqdn: host.toLowerCase(), tlsPort: portText === undefined ? null : Number(portText), tcpPort: null };
      }),
    z
      .strictObject({
        fqdn: fqdnSchema.superRefine(noAddress),
        tlsPort: port.optional().describe("The TLS port, when not the role's usual one"),
        tcpPort: port.optional().describe("The TCP port, when not the role's usual one"),
      })
      .transform((value): SiteEndpoint => ({ fqdn: value.fqdn, tlsPort: value.tlsPort ?? null, tcpPort: value.tcpPort ?? null })),
  ])
  .describe("A server: its FQDN (with its TLS port), or { fqdn, tlsPort, tcpPort }")
  .meta({ id: "siteEndpoint" });

/** One endpoint or a list (several Call Routers, Mailbox servers). */
export const siteEndpointsSchema = z
  .union([siteEndpointSchema, z.array(siteEndpointSchema).min(1)])
  .transform((value) => (Array.isArray(value) ? value : [value]))
  .describe("One server or a list, in the order they are tried")
  .meta({ id: "siteEndpoints" });
