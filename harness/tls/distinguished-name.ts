/**
 * X.501 distinguished names as DER, read without a general ASN.1 library: the CertificateRequest's CA names
 * (RFC 5246 §7.4.4 "opaque DistinguishedName<1..2^16-1>", RFC 8446 §4.2.4) and the issuer of our own certificates are
 * compared byte for byte, and shown in the `O=…, CN=…` form certificate-summary.ts uses.
 */

/** One DER TLV: its tag, the whole encoding and the content. */
interface Tlv {
  readonly tag: number;
  readonly whole: Buffer;
  readonly content: Buffer;
}

/** Reads the TLV at `offset` of `der`; throws on a truncated or indefinite-length encoding. */
function readTlv(der: Buffer, offset: number): Tlv {
  if (offset + 2 > der.length) throw new Error("DER ends inside a tag");
  const tag = der[offset] as number;
  let length = der[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || offset + 2 + bytes > der.length) throw new Error("unsupported DER length");
    length = der.readUIntBE(offset + 2, bytes);
    header += bytes;
  }
  const end = offset + header + length;
  if (end > der.length) throw new Error("DER value runs past its container");
  return { tag, whole: der.subarray(offset, end), content: der.subarray(offset + header, end) };
}

/** The TLVs inside a constructed value. */
function children(content: Buffer): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = 0; offset < content.length; ) {
    const tlv = readTlv(content, offset);
    out.push(tlv);
    offset += tlv.whole.length;
  }
  return out;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;

/** The attribute short names OpenSSL and Windows print (RFC 4514 §3 and the usual extras). */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.5": "serialNumber",
  "0.9.2342.19200300.100.1.25": "DC",
  "1.2.840.113549.1.9.1": "emailAddress",
};

function oidText(content: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of content) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      parts.push(value);
      value = 0;
    }
  }
  const [first = 0, ...rest] = parts;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...rest].join(".");
}

/** Printable text of a DN attribute value: strings as they are (BMPString as UTF-16BE), other types as hex. */
function valueText(tlv: Tlv): string {
  switch (tlv.tag) {
    case 0x0c: // UTF8String
    case 0x13: // PrintableString
    case 0x16: // IA5String
    case 0x14: // TeletexString (read as Latin-1)
      return tlv.tag === 0x0c ? tlv.content.toString("utf8") : tlv.content.toString("latin1");
    case 0x1e: {
      const swapped = Buffer.from(tlv.content);
      return swapped.swap16().toString("utf16le");
    }
    default:
      return `#${tlv.whole.toString("hex")}`;
  }
}

/** Peer text with its control characters replaced, so a name cannot break a line of output. */
function printable(text: string): string {
  return [...text].map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? "?" : char)).join("");
}

/**
 * A DER `Name` (RFC 5280 §4.1.2.4: a SEQUENCE of RelativeDistinguishedName SETs of AttributeTypeAndValue) as
 * `O=exum lab, CN=Exum Lab Root CA`, attributes in their DER order. Throws on anything that is not a Name.
 */
export function distinguishedNameText(der: Buffer): string {
  const name = readTlv(der, 0);
  if (name.tag !== SEQUENCE || name.whole.length !== der.length) throw new Error("not a DER Name");
  const parts: string[] = [];
  for (const rdn of children(name.content)) {
    if (rdn.tag !== SET) throw new Error("a Name holds SETs");
    for (const attribute of children(rdn.content)) {
      const [type, value] = children(attribute.content);
      if (attribute.tag !== SEQUENCE || type?.tag !== OID || value === undefined) throw new Error("bad AttributeTypeAndValue");
      const oid = oidText(type.content);
      parts.push(`${SHORT_NAMES[oid] ?? oid}=${printable(valueText(value))}`);
    }
  }
  return parts.join(", ");
}

/**
 * The issuer and subject Names of a DER certificate, as DER (RFC 5280 §4.1: tbsCertificate = [0] version, serial,
 * signature, issuer, validity, subject …).
 */
export function certificateNames(der: Buffer): { issuer: Buffer; subject: Buffer } {
  const certificate = readTlv(der, 0);
  const [tbs] = children(certificate.content);
  if (certificate.tag !== SEQUENCE || tbs?.tag !== SEQUENCE) throw new Error("not a DER certificate");
  const fields = children(tbs.content);
  const start = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[start + 2];
  const subject = fields[start + 4];
  if (issuer?.tag !== SEQUENCE || subject?.tag !== SEQUENCE) throw new Error("not a DER certificate");
  return { issuer: Buffer.from(issuer.whole), subject: Buffer.from(subject.whole) };
}

/**
 * The CA names of a CertificateRequest body. TLS 1.2 (RFC 5246 §7.4.4): `certificate_types<1..2^8-1>`,
 * `supported_signature_algorithms<2..2^16-2>`, `DistinguishedName certificate_authorities<0..2^16-1>`. TLS 1.3
 * (RFC 8446 §4.3.2): `certificate_request_context<0..2^8-1>`, `Extension extensions<2..2^16-1>`, the names in the
 * `certificate_authorities` extension (47, §4.2.4); no such extension means no names. Each name is DER.
 */
export function certificateRequestAuthorities(body: Buffer, tls13: boolean): Buffer[] {
  let offset = 0;
  const take = (bytes: number): Buffer => {
    if (offset + bytes > body.length) throw new Error("CertificateRequest is truncated");
    const out = body.subarray(offset, offset + bytes);
    offset += bytes;
    return out;
  };
  const vector = (lengthBytes: number): Buffer => take(take(lengthBytes).readUIntBE(0, lengthBytes));
  const names = (list: Buffer): Buffer[] => {
    const out: Buffer[] = [];
    for (let at = 0; at < list.length; ) {
      if (at + 2 > list.length) throw new Error("DistinguishedName list is truncated");
      const length = list.readUInt16BE(at);
      if (at + 2 + length > list.length) throw new Error("DistinguishedName list is truncated");
      out.push(Buffer.from(list.subarray(at + 2, at + 2 + length)));
      at += 2 + length;
    }
    return out;
  };
  if (!tls13) {
    vector(1);
    vector(2);
    return names(vector(2));
  }
  vector(1);
  const extensions = vector(2);
  for (let at = 0; at + 4 <= extensions.length; ) {
    const type = extensions.readUInt16BE(at);
    const length = extensions.readUInt16BE(at + 2);
    if (at + 4 + length > extensions.length) throw new Error("CertificateRequest extension is truncated");
    const data = extensions.subarray(at + 4, at + 4 + length);
    if (type === 47) {
      if (data.length < 2) throw new Error("certificate_authorities is truncated");
      return names(data.subarray(2, 2 + data.readUInt16BE(0)));
    }
    at += 4 + length;
  }
  return [];
}
