import { z } from "zod";
import type { CertificateSummary } from "./certificate-summary.js";
import type { SchemaFits } from "./schema-fits.js";
import type { ClientCertificateEvidence, EndpointEvidence, TlsEvidence, VerificationEvidence } from "./tls-evidence.js";

const certificateSummary = z.strictObject({
  subject: z.string(),
  commonName: z.string().nullable(),
  san: z.array(z.string()),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
  serialNumber: z.string(),
  pem: z.string().optional(),
});

/** A {@link CertificateSummary}: `pem` only where the certificate is evidence to judge again. */
export const certificateSummarySchema: z.ZodType<CertificateSummary> = certificateSummary;
const _certificateSummaryFits: SchemaFits<typeof certificateSummary, CertificateSummary> = true;

const verificationEvidence = z.strictObject({
  trusted: z.boolean(),
  error: z.string().nullable(),
  nameMatches: z.boolean().nullable(),
  verifiedName: z.string().nullable(),
  insecure: z.boolean(),
});

export const verificationEvidenceSchema: z.ZodType<VerificationEvidence> = verificationEvidence;
const _verificationEvidenceFits: SchemaFits<typeof verificationEvidence, VerificationEvidence> = true;

const clientCertificateEvidence = z.strictObject({
  sent: z.boolean(),
  requested: z.boolean().nullable(),
  requestedBasis: z.string(),
  accepted: z.boolean().nullable(),
  subject: z.string().nullable(),
  acceptableCAs: z.array(z.string()).nullable().optional(),
  issuerListed: z.boolean().nullable().optional(),
});

export const clientCertificateEvidenceSchema: z.ZodType<ClientCertificateEvidence> = clientCertificateEvidence;
const _clientCertificateEvidenceFits: SchemaFits<typeof clientCertificateEvidence, ClientCertificateEvidence> = true;

const endpointEvidence = z.strictObject({
  localAddress: z.string().nullable(),
  localPort: z.number().nullable(),
  remoteAddress: z.string().nullable(),
  remotePort: z.number().nullable(),
});

export const endpointEvidenceSchema: z.ZodType<EndpointEvidence> = endpointEvidence;
const _endpointEvidenceFits: SchemaFits<typeof endpointEvidence, EndpointEvidence> = true;

const tlsEvidence = z.strictObject({
  transport: z.enum(["tcp", "tls"]),
  tcp: endpointEvidenceSchema,
  version: z.string().nullable(),
  cipher: z.strictObject({ name: z.string(), standardName: z.string(), version: z.string() }).nullable(),
  sni: z.string().nullable(),
  alpn: z.string().nullable(),
  peer: certificateSummarySchema.nullable(),
  peerChain: z.array(certificateSummarySchema),
  verification: verificationEvidenceSchema,
  clientCertificate: clientCertificateEvidenceSchema,
  warnings: z.array(z.string()),
});

/** The {@link TlsEvidence} of one connection. */
export const tlsEvidenceSchema: z.ZodType<TlsEvidence> = tlsEvidence;
const _tlsEvidenceFits: SchemaFits<typeof tlsEvidence, TlsEvidence> = true;
