import { generateRsaKeyPairAsync } from "../pki/key-pair.js";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import type { CertificateAuthority, IssuedCertificate } from "../pki/issued-certificate.js";
import { join } from "node:path";
import { writeFiles } from "./write-files.js";

export interface TestPkiOptions {
  /** Where the PEM files go (a temp folder). */
  readonly dir: string;
  /** One server certificate per FQDN: CN and SAN dNSName = the FQDN. */
  readonly serverFqdns: readonly string[];
  /** One client certificate per name (an FQDN, as Lync and Exchange use): CN and SAN = the name. */
  readonly clientNames: readonly string[];
}

/** A certificate as PEM and as files (for peers that read paths). */
export interface TestCertificate extends IssuedCertificate {
  readonly certPath: string;
  readonly keyPath: string;
  /** Certificate then issuer. */
  readonly chainPath: string;
  /** Certificate then key in one file (baresip's `sip_certificate`). */
  readonly pemPath: string;
  /** The root it chains to. */
  readonly caPath: string;
}

export interface TestPki {
  readonly dir: string;
  /** The lab root every server and client certificate chains to. */
  readonly ca: TestCertificate;
  readonly servers: Readonly<Record<string, TestCertificate>>;
  readonly clients: Readonly<Record<string, TestCertificate>>;
  /** A second, unrelated root. */
  readonly otherCa: TestCertificate;
  /** A client certificate for the first client name, issued by {@link otherCa}: a peer must reject it. */
  readonly otherCaClient: TestCertificate;
}

/**
 * A throwaway PKI for interop tests, made with harness/pki (node-forge, RSA keys from node:crypto generated in
 * parallel): a root CA, server and client certificates, and a client certificate from another CA — in memory
 * and written to `dir` as `<name>.crt`, `.key`, `.chain.crt`, `.pem`.
 */
export async function makeTestPki(options: TestPkiOptions): Promise<TestPki> {
  const names = [...options.serverFqdns, ...options.clientNames];
  const [caKey, otherCaKey, otherClientKey, ...keys] = await Promise.all(
    [0, 1, 2, ...names].map(() => generateRsaKeyPairAsync()),
  );
  const ca = createRootCa({ commonName: "exum test root", keyPair: required(caKey) });
  const otherCa = createRootCa({ commonName: "exum other root", keyPair: required(otherCaKey) });
  const issue = (name: string, index: number) =>
    issueCertificate(ca, { commonName: name, dnsNames: [name], keyPair: required(keys[index]) });

  const files: Record<string, string> = {};
  const save = (fileName: string, issued: IssuedCertificate, root: CertificateAuthority): TestCertificate => {
    const base = join(options.dir, fileName);
    files[`${fileName}.crt`] = issued.certPem;
    files[`${fileName}.key`] = issued.keyPem;
    files[`${fileName}.chain.crt`] = issued.chainPem;
    files[`${fileName}.pem`] = `${issued.certPem.trimEnd()}\n${issued.keyPem.trimEnd()}\n`;
    return {
      ...issued,
      certPath: `${base}.crt`,
      keyPath: `${base}.key`,
      chainPath: `${base}.chain.crt`,
      pemPath: `${base}.pem`,
      caPath: join(options.dir, root === ca ? "ca.crt" : "other-ca.crt"),
    };
  };

  const servers: Record<string, TestCertificate> = {};
  options.serverFqdns.forEach((fqdn, index) => {
    servers[fqdn] = save(`server-${fqdn}`, issue(fqdn, index), ca);
  });
  const clients: Record<string, TestCertificate> = {};
  options.clientNames.forEach((name, index) => {
    clients[name] = save(`client-${name}`, issue(name, options.serverFqdns.length + index), ca);
  });
  const otherName = options.clientNames[0] ?? "client.other.test";
  const otherCaClient = save(
    `other-ca-client-${otherName}`,
    issueCertificate(otherCa, { commonName: otherName, dnsNames: [otherName], keyPair: required(otherClientKey) }),
    otherCa,
  );
  const caFile = save("ca", ca, ca);
  const otherCaFile = save("other-ca", otherCa, otherCa);
  await writeFiles(options.dir, files);
  return { dir: options.dir, ca: caFile, servers, clients, otherCa: otherCaFile, otherCaClient };
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("makeTestPki: a key pair is missing");
  return value;
}
