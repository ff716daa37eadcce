import forge from "node-forge";

/**
 * The fields node:crypto's X509Certificate does not expose on Node 20 (signature algorithm, keyUsage bits,
 * Subject/Issuer attributes, SAN by type, validity as dates), read straight from the DER with forge's ASN.1
 * parser. Unlike forge.pki.certificateFromAsn1 this works for any key type (EC, Ed25519), which real servers use.
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

const { asn1 } = forge;
type Asn1 = forge.asn1.Asn1;

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
  const root = asn1.fromDer(Buffer.from(der).toString("binary"));
  const tbs = children(root)[0];
  const signatureAlgorithm = children(root)[1];
  if (tbs === undefined || signatureAlgorithm === undefined) throw new Error("not an X.509 certificate");
  const fields = children(tbs);
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, spki, … [3] extensions
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  const validity = fields[offset + 3];
  const subject = fields[offset + 4];
  if (serial === undefined || issuer === undefined || validity === undefined || subject === undefined) {
    throw new Error("not an X.509 certificate");
  }
  const extensions = extensionMap(fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 3));
  const [notBefore, notAfter] = children(validity).map(readTime);
  const san = readSubjectAltName(extensions.get(OID_SUBJECT_ALT_NAME));
  return {
    signatureOid: oidOf(children(signatureAlgorithm)[0]),
    subject: readName(subject),
    issuer: readName(issuer),
    notBefore: notBefore ?? new Date(NaN),
    notAfter: notAfter ?? new Date(NaN),
    dnsNames: san.dnsNames,
    ipAddresses: san.ipAddresses,
    keyUsage: readKeyUsage(extensions.get(OID_KEY_USAGE)),
    extKeyUsage: readExtKeyUsage(extensions.get(OID_EXT_KEY_USAGE)),
    serialNumber: forge.util.bytesToHex(String(serial.value)).toUpperCase(),
  };
}

function children(node: Asn1 | undefined): Asn1[] {
  return node !== undefined && Array.isArray(node.value) ? node.value : [];
}

function bytes(node: Asn1 | undefined): string {
  return node !== undefined && typeof node.value === "string" ? node.value : "";
}

function oidOf(node: Asn1 | undefined): string {
  return asn1.derToOid(bytes(node));
}

function readTime(node: Asn1): Date {
  const text = bytes(node);
  return node.type === asn1.Type.UTCTIME ? asn1.utcTimeToDate(text) : asn1.generalizedTimeToDate(text);
}

function readName(name: Asn1): DnAttribute[] {
  const attributes: DnAttribute[] = [];
  for (const rdn of children(name)) {
    for (const typeAndValue of children(rdn)) {
      const [type, value] = children(typeAndValue);
      const oid = oidOf(type);
      let text = bytes(value);
      if (value?.type === asn1.Type.UTF8) text = forge.util.decodeUtf8(text);
      else if (value?.type === asn1.Type.BMPSTRING) text = decodeBmp(text);
      attributes.push({ oid, shortName: DN_NAMES[oid] ?? oid, value: text });
    }
  }
  return attributes;
}

function decodeBmp(text: string): string {
  let out = "";
  for (let i = 0; i + 1 < text.length; i += 2) out += String.fromCharCode((text.charCodeAt(i) << 8) | text.charCodeAt(i + 1));
  return out;
}

/** extnID → the DER inside extnValue's OCTET STRING. */
function extensionMap(wrapper: Asn1 | undefined): Map<string, Asn1> {
  const map = new Map<string, Asn1>();
  for (const extension of children(children(wrapper)[0])) {
    const parts = children(extension);
    const id = oidOf(parts[0]);
    const octets = parts[parts.length - 1];
    try {
      map.set(id, asn1.fromDer(bytes(octets)));
    } catch {
      // an extension we cannot parse is left out rather than failing the whole certificate
    }
  }
  return map;
}

function readSubjectAltName(node: Asn1 | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const name of children(node)) {
    if (name.tagClass !== asn1.Class.CONTEXT_SPECIFIC) continue;
    if (name.type === 2) dnsNames.push(bytes(name));
    if (name.type === 7) ipAddresses.push(formatIp(bytes(name)));
  }
  return { dnsNames, ipAddresses };
}

function formatIp(raw: string): string {
  const octets = [...raw].map((c) => c.charCodeAt(0));
  if (octets.length === 4) return octets.join(".");
  const groups: string[] = [];
  for (let i = 0; i + 1 < octets.length; i += 2) groups.push((((octets[i] ?? 0) << 8) | (octets[i + 1] ?? 0)).toString(16));
  return groups.join(":");
}

function readKeyUsage(node: Asn1 | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  const raw = bytes(node);
  // BIT STRING: first octet is the count of unused bits, then the bits, most significant first.
  const names: string[] = [];
  for (let bit = 0; bit < KEY_USAGE_BITS.length; bit++) {
    const octet = raw.charCodeAt(1 + (bit >> 3));
    if (!Number.isNaN(octet) && (octet & (0x80 >> (bit & 7))) !== 0) names.push(KEY_USAGE_BITS[bit] ?? String(bit));
  }
  return names;
}

function readExtKeyUsage(node: Asn1 | undefined): string[] | undefined {
  if (node === undefined) return undefined;
  return children(node).map((purpose) => {
    const oid = oidOf(purpose);
    return EKU_NAMES[oid] ?? oid;
  });
}
