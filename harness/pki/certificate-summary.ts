/** What the harness reports about one certificate: plain data, JSON-ready. */
export interface CertificateSummary {
  /** RFC 4514 style, most specific first: `CN=mbx01.tukwila.contoso.com, O=exum lab`. Empty when there is none. */
  readonly subject: string;
  /** The Subject CN ("Issued to"), or `undefined` when the Subject Name has none. */
  readonly commonName: string | undefined;
  /** subjectAltName dNSName entries. */
  readonly san: string[];
  /** subjectAltName iPAddress entries. */
  readonly sanIps: string[];
  readonly issuer: string;
  readonly issuerCommonName: string | undefined;
  /** ISO 8601. */
  readonly validFrom: string;
  /** ISO 8601. */
  readonly validTo: string;
  /** SHA-256 of the DER, `AB:CD:…`. */
  readonly fingerprint256: string;
  /** SHA-1 of the DER as Windows shows it ("thumbprint"), upper-case hex without colons. */
  readonly thumbprint: string;
  readonly serialNumber: string;
  /** `rsa`, `ec`, `ed25519`, `rsa-pss`, … */
  readonly keyType: string;
  /** RSA modulus bits, or the curve's size for EC. */
  readonly keyBits: number;
  /** For EC keys, the named curve. */
  readonly curve?: string;
  /** e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, or the OID when unknown. */
  readonly signatureAlgorithm: string;
  /** Issuer equals subject and the certificate verifies with its own key. */
  readonly selfSigned: boolean;
  readonly isCa: boolean;
  /** keyUsage bits by name; `undefined` when the extension is absent (any usage). */
  readonly keyUsage: string[] | undefined;
  /** extendedKeyUsage purposes by name (`serverAuth`, `clientAuth`, or the OID); `undefined` when absent. */
  readonly extKeyUsage: string[] | undefined;
}
