import { DER_CLASS_CONTEXT, DER_TAG, derOid, derText, derTime, readDer, type DerNode } from "./der-node.js";

/**
 * The fields node:crypto's X509Certificate does not expose on Node 20 (signature algorithm, keyUsage bits,
 * Subject/Issuer attributes, SAN by type, validity as dates), read straight from the DER (der-node.ts), so it works
 * for any key type (EC, Ed25519), which real servers use.
 */
export interface CertificateFields {
  readonly signatureOid: string;
  readonly subject: readonly DnAttribute[];
  readonly issuer: readonly DnAttribute[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly dnsNames: string[];
  readonly ipAddresses: string[];
  readonly keyUsage: string[] | undefined;
  readonly extKeyUsage: string[] | undefined;
  readonly serialNumber: string;
}

export interface DnAttribute {
  readonly oid: string;
  readonly shortName: string;
  readonly value: string;
}

const OID_SUBJECT_ALT_NAME = "2.5.29.17";
const OID_KEY_USAGE = "2.5.29.15";
const OID_EXT_KEY_USAGE = "2.5.29.37";

const KEY_USAGE_BITS = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

const EKU_NAMES: Record<string, string> = {
  "1.3.6.1.5.5.7.3.1": "serverAuth",
  "1.3.6.1.5.5.7.3.2": "clientAuth",
  "1.3.6.1.5.5.7.3.3": "codeSigning",
  "1.3.6.1.5.5.7.3.4": "emailProtection",
  "1.3.6.1.5.5.7.3.8": "timeStamping",
  "1.3.6.1.5.5.7.3.9": "OCSPSigning",
  "2.5.29.37.0": "anyExtendedKeyUsage",
};

const DN_NAMES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "emailAddress",
};

/** Reads the fields above from a certificate's DER. Throws on anything that is not an X.509 certificate. */
export function readCertificateFields(der: Uint8Array): CertificateFields {
  const root = readDer(der);
  const [tbs, signatureAlgorithm] = root.children;
  if (tbs === undefined || signatureAlgorithm === undefined) throw new Error("not an X.509 certificate");
  const fields = tbs.children;
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, spki, … [3] extensions
  const offset = fields[0]?.tagClass === DER_CLASS_CONTEXT ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  const validity = fields[offset + 3];
  const subject = fields[offset + 4];
  if (serial === undefined || issuer === undefined || validity === undefined || subject === undefined) {
    throw new Error("not an X.509 certificate");
  }
  const extensions = extensionMap(fields.find((f) => f.tagClass === DER_CLASS_CONTEXT && f.tag === 3));
  const [notBefore, notAfter] = validity.children.map(derTime);
  const san = readSubjectAltName(extensions.get(OID_SUBJECT_ALT_NAME));
  return {
    signatureOid: derOid(signatureAlgorithm.children[0]),
    subject: readName(subject),
    issuer: readName(issuer),
    notBefore: notBefore ?? new Date(NaN),
    notAfter: notAfter ?? new Date(NaN),
    dnsNames: san.dnsNames,
    ipAddresses: san.ipAddresses,
    keyUsage: readKeyUsage(extensions.get(OID_KEY_USAGE)),
    extKeyUsage: readExtKeyUsage(extensions.get(OID_EXT_KEY_USAGE)),
    serialNumber: serial.contents.toString("hex").toUpperCase(),
  };
}

function readName(name: DerNode): DnAttribute[] {
  const attributes: DnAttribute[] = [];
  for (const rdn of name.children) {
    for (const typeAndValue of rdn.children) {
      const [type, value] = typeAndValue.children;
      const oid = derOid(type);
      attributes.push({ oid, shortName: DN_NAMES[oid] ?? oid, value: derText(value) });
    }
  }
  return attributes;
}

/** extnID → the element inside extnValue's OCTET STRING. */
function extensionMap(wrapper: DerNode | undefined): Map<string, DerNode> {
  const map = new Map<string, DerNode>();
  for (const extension of wrapper?.children[0]?.children ?? []) {
    const parts = extension.children;
    const id = derOid(parts[0]);
    const octets = parts[parts.length - 1];
    if (octets?.tag !== DER_TAG.OCTET_STRING) continue;
    try {
      map.set(id, readDer(octets.contents));
    } catch {
      // an extension we cannot parse is left out rather than failing the whole certificate
    }
  }
  return map;
}

function readSubjectAltName(node: DerNode | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const name of node?.children ?? []) {
    if (name.tagClass !== DER_CLASS_CONTEXT) continue;
    // RFC 5280 §4.2.1.6: dNSName [2] IA5String, iPAddress [7] OCTET STRING
    if (name.tag === 2) dnsNames.push(name.contents.toString("latin1"));
    if (name.tag === 7) ipAddresses.push(formatIp(name.contents));
  }
  return { dnsNames, ipAddresses };
}

function formatIp(octets: Buffer): string {
  if (octets.length === 4) return [...octets].join(".");
  const groups: string[] = [];
  for (let i = 0; i + 1 < octets.length; i += 2) groups.push(octets.readUInt16BE(i).toString(16));
  return groups.join(":");
}

function readKeyUsage(node: DerNode | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  const raw = node.contents;
  // BIT STRING: first octet is the count of unused bits, then the bits, most significant first.
  const names: string[] = [];
  for (let bit = 0; bit < KEY_USAGE_BITS.length; bit++) {
    const octet = raw[1 + (bit >> 3)];
    if (octet !== undefined && (octet & (0x80 >> (bit & 7))) !== 0) names.push(KEY_USAGE_BITS[bit] ?? String(bit));
  }
  return names;
}

function readExtKeyUsage(node: DerNode | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  return node.children.map((purpose) => {
    const oid = derOid(purpose);
    return EKU_NAMES[oid] ?? oid;
  });
}
