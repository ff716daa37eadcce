import type { CertificateProfile } from "./certificate-profile.js";
import { REDUNDANT_UM_FQDNS } from "./lab-identities.js";

/**
 * The deliberate mistakes of the lab PKI (docs/design.md §8, docs/protocol.md §5), each named for what it is, with the lint
 * verdict it is meant to get and the rules that must fail. Written under certs/mistakes/.
 */
export interface LabMistake {
  /** File base name under mistakes/. */
  readonly name: string;
  readonly description: string;
  /** The server the certificate claims to be for (`certs lint --fqdn`). */
  readonly fqdn: string;
  /** Redundant-UM peers (`certs lint --peers`), when the mistake is about them. */
  readonly peers?: readonly string[];
  readonly intendedVerdict: "valid" | "invalid";
  /** Error-severity rules that fail for it (empty when valid). */
  readonly expectedFailures: readonly string[];
  /** Warning-severity rules that fail for it. */
  readonly expectedWarnings: readonly string[];
  /** How it differs from a good certificate; `issuer: "other-ca"` signs it with the untrusted second root. */
  readonly profile: Omit<CertificateProfile, "issuer" | "keyPair" | "now"> & { readonly issuer?: "other-ca" };
}

const MBX01 = "mbx01.tukwila.contoso.com";
const MBX02 = "mbx02.tukwila.contoso.com";
const CAS01 = "cas01.tukwila.contoso.com";

export const LAB_MISTAKES: readonly LabMistake[] = [
  {
    name: "self-signed",
    description: "self-signed, like Exchange's default certificate (cannot be used with Lync)",
    fqdn: MBX01,
    intendedVerdict: "invalid",
    expectedFailures: ["not-self-signed", "chains-to-root"],
    expectedWarnings: [],
    profile: { commonName: MBX01, dnsNames: [MBX01], selfSigned: true },
  },
  {
    name: "wildcard-subject",
    description: "wildcard Subject Name CN=*.contoso.com (not supported for UM with Lync)",
    fqdn: "um2010.contoso.com",
    intendedVerdict: "invalid",
    expectedFailures: ["no-wildcard-subject"],
    expectedWarnings: ["fqdn-in-subject"],
    profile: { commonName: "*.contoso.com", dnsNames: ["*.contoso.com"] },
  },
  {
    name: "wildcard-san",
    description: "FQDN as Subject Name, wildcards only in the SAN (valid; covers the redundant UM servers)",
    fqdn: MBX01,
    peers: REDUNDANT_UM_FQDNS,
    intendedVerdict: "valid",
    expectedFailures: [],
    expectedWarnings: [],
    profile: { commonName: MBX01, dnsNames: [MBX01, "*.tukwila.contoso.com", "*.dublin.contoso.com"] },
  },
  {
    name: "redundant-um-san",
    description: "all four redundant-UM server FQDNs in one SAN list (valid, seed example 1)",
    fqdn: MBX01,
    peers: REDUNDANT_UM_FQDNS,
    intendedVerdict: "valid",
    expectedFailures: [],
    expectedWarnings: [],
    profile: { commonName: MBX01, dnsNames: [...REDUNDANT_UM_FQDNS] },
  },
  {
    name: "signed-by-other-ca",
    description: "signed by another root CA that UM and Lync do not share",
    fqdn: MBX01,
    intendedVerdict: "invalid",
    expectedFailures: ["chains-to-root"],
    expectedWarnings: [],
    profile: { commonName: MBX01, dnsNames: [MBX01], issuer: "other-ca" },
  },
  {
    name: "expired",
    description: "expired yesterday",
    fqdn: MBX02,
    intendedVerdict: "invalid",
    expectedFailures: ["not-expired"],
    expectedWarnings: [],
    profile: { commonName: MBX02, dnsNames: [MBX02], validity: { notBeforeDays: -400, notAfterDays: -1 } },
  },
  {
    name: "not-yet-valid",
    description: "valid only from 30 days from now",
    fqdn: MBX02,
    intendedVerdict: "invalid",
    expectedFailures: ["already-valid"],
    expectedWarnings: [],
    profile: { commonName: MBX02, dnsNames: [MBX02], validity: { notBeforeDays: 30, notAfterDays: 400 } },
  },
  {
    name: "fqdn-missing",
    description: "issued to the short name mbx01: the FQDN is in neither the Subject Name nor the SAN",
    fqdn: MBX01,
    intendedVerdict: "invalid",
    expectedFailures: ["fqdn-in-name", "subject-is-fqdn"],
    expectedWarnings: ["fqdn-in-subject"],
    profile: { commonName: "mbx01", dnsNames: ["mbx01"] },
  },
  {
    name: "rsa-1024",
    description: "RSA 1024-bit key (weak key)",
    fqdn: CAS01,
    intendedVerdict: "invalid",
    expectedFailures: ["key-size"],
    expectedWarnings: [],
    profile: { commonName: CAS01, dnsNames: [CAS01], keyBits: 1024 },
  },
  {
    name: "sha1-signature",
    description: "signed with SHA-1",
    fqdn: CAS01,
    intendedVerdict: "invalid",
    expectedFailures: ["signature-algorithm"],
    expectedWarnings: [],
    profile: { commonName: CAS01, dnsNames: [CAS01], hash: "sha1" },
  },
  {
    name: "no-client-auth",
    description: "Server Authentication only, no Client Authentication EKU (wrong key usage for mutual TLS)",
    fqdn: "pool01.contoso.com",
    intendedVerdict: "invalid",
    expectedFailures: ["extended-key-usage"],
    expectedWarnings: [],
    profile: { commonName: "pool01.contoso.com", dnsNames: ["pool01.contoso.com"], extKeyUsage: ["serverAuth"] },
  },
];
