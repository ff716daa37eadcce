import { certificateRequestAuthorities, distinguishedNameText } from "./distinguished-name.js";
import { HandshakeReader, HandshakeType, type HandshakeMessage } from "./handshake-reader.js";
import { parseNssKeylogLine } from "./nss-keylog-line.js";
import { parseServerHello, protocolName } from "./server-hello.js";
import { tls13CipherSuite, type Tls13CipherSuite } from "./tls13-cipher-suite.js";
import { Tls13RecordDecrypter } from "./tls13-record-decrypter.js";
import { ContentType, TlsRecordReader, type TlsRecord } from "./tls-record-reader.js";

/** What the observer learnt about the server's CertificateRequest. JSON-serialisable. */
export interface CertificateRequestObservation {
  /** The server asked for our certificate; null when the observer could not tell (`basis` says why). */
  requested: boolean | null;
  /** One sentence: how it was learnt, or why it could not be. */
  basis: string;
  /** The version the ServerHello selected (`"TLSv1.3"`), or null before one was seen. */
  protocol: string | null;
  /** The cipher suite the ServerHello selected (`"TLS_AES_128_GCM_SHA256"`, or `"0xC02F"` for TLS 1.2). */
  cipherSuite: string | null;
  /** A TLS alert the server sent before its handshake flight ended (plaintext or decrypted), or null. */
  serverAlert: number | null;
  /**
   * The CA names the CertificateRequest listed (RFC 5246 §7.4.4 certificate_authorities; RFC 8446 §4.2.4), as
   * `O=…, CN=…`, in the server's order; [] for an empty list; null when no CertificateRequest was read.
   */
  acceptableCAs: string[] | null;
  /** The same names as DER, hex, to compare with our certificates' issuers byte for byte. */
  acceptableCaDer: string[] | null;
}

type State = "server-hello" | "tls12" | "tls13" | "done";

/** TLS 1.3 records kept while the key is not known yet; a server flight is a handful of records. */
const MAX_QUEUED_RECORDS = 64;

/**
 * Learns from the wire whether the server sent a CertificateRequest — Node has no client-side hook for it, and
 * "a peer that never asks for our certificate (baresip) is a finding" (docs/peers.md).
 *
 * Feed it every byte the server sent, in order, with {@link onServerBytes}, and the connection's key log lines with
 * {@link onKeylogLine}; read {@link observation} once the handshake completed or failed.
 *
 * - TLS 1.2: "A non-anonymous server can optionally request a certificate from the client … this message, if sent,
 *   will immediately follow the ServerKeyExchange message" (RFC 5246 §7.4.4) — in plaintext, before ServerHelloDone.
 * - TLS 1.3: "all handshake messages after the ServerHello are now encrypted" (RFC 8446 §2), under the server
 *   handshake traffic secret. The observer derives key and IV from `SERVER_HANDSHAKE_TRAFFIC_SECRET` (HKDF-Expand-Label,
 *   §7.1/§7.3), decrypts the server's records in order (§5.2–5.3), and looks for CertificateRequest before Finished.
 *
 * Out of scope, reported as what they are: a TLS 1.3 post-handshake CertificateRequest (only after the client offers
 * post_handshake_auth, which Node does not) and a TLS 1.2 renegotiation that asks later (encrypted).
 * Never throws: a parse error ends observation with `requested: null` and the reason.
 */
export class CertificateRequestObserver {
  private state: State = "server-hello";
  private readonly records = new TlsRecordReader();
  private readonly plaintext = new HandshakeReader();
  private readonly decrypted = new HandshakeReader();
  private readonly queued: TlsRecord[] = [];
  private suite: Tls13CipherSuite | null = null;
  private secret: Buffer | null = null;
  private decrypter: Tls13RecordDecrypter | null = null;
  private bytesSeen = 0;
  private helloRetried = false;
  private result: { requested: boolean | null; basis: string } | null = null;
  private protocol: string | null = null;
  private cipherSuite: string | null = null;
  private serverAlert: number | null = null;
  private authorities: Buffer[] | null = null;

  /** True once the verdict is final; later bytes are ignored. */
  get done(): boolean {
    return this.state === "done";
  }

  /** Bytes the server sent, exactly as read from TCP. */
  onServerBytes(chunk: Buffer): void {
    if (this.state === "done") return;
    this.bytesSeen += chunk.length;
    try {
      for (const record of this.records.push(chunk)) {
        this.onRecord(record);
        if (this.done) return;
      }
    } catch (error) {
      this.finish(null, `could not parse the server's handshake (${(error as Error).message})`);
    }
  }

  /** A line of the connection's NSS key log (the TLSSocket `keylog` event). */
  onKeylogLine(line: Buffer | string): void {
    if (this.state === "done") return;
    const parsed = parseNssKeylogLine(line);
    if (parsed?.label !== "SERVER_HANDSHAKE_TRAFFIC_SECRET") return;
    this.secret = parsed.secret;
    try {
      this.drain();
    } catch (error) {
      this.finish(null, `could not decrypt the server's handshake (${(error as Error).message})`);
    }
  }

  observation(): CertificateRequestObservation {
    const verdict = this.result ?? { requested: null, basis: this.undecidedReason() };
    return {
      requested: verdict.requested,
      basis: verdict.basis,
      protocol: this.protocol,
      cipherSuite: this.cipherSuite,
      serverAlert: this.serverAlert,
      acceptableCAs: this.authorities === null ? null : this.authorities.map(nameText),
      acceptableCaDer: this.authorities === null ? null : this.authorities.map((der) => der.toString("hex")),
    };
  }

  private undecidedReason(): string {
    switch (this.state) {
      case "server-hello":
        return this.bytesSeen === 0 ? "the server sent no TLS bytes" : "the server sent no ServerHello";
      case "tls12":
        return "the server's TLS 1.2 handshake ended before ServerHelloDone";
      case "tls13":
        return this.secret === null
          ? "no SERVER_HANDSHAKE_TRAFFIC_SECRET arrived in the key log, so the TLS 1.3 handshake could not be decrypted"
          : "the server's TLS 1.3 handshake ended before its Finished message";
      default:
        return "observation ended early";
    }
  }

  private finish(requested: boolean | null, basis: string): void {
    if (this.state === "done") return;
    this.result = { requested, basis };
    this.state = "done";
    this.queued.length = 0;
  }

  private onRecord(record: TlsRecord): void {
    switch (record.type) {
      case ContentType.alert:
        this.serverAlert = record.fragment.length >= 2 ? (record.fragment[1] ?? null) : null;
        if (this.state === "server-hello") {
          // Nothing the server sent could have been a CertificateRequest, which follows the ServerHello.
          this.finish(false, `the server sent TLS alert ${this.serverAlert ?? "?"} before its ServerHello: it never got as far as asking for a certificate`);
        } else {
          this.finish(null, `the server sent TLS alert ${this.serverAlert ?? "?"} before its handshake showed whether it asks for a certificate`);
        }
        return;
      case ContentType.changeCipherSpec:
        // TLS 1.3 servers may send one for middlebox compatibility (RFC 8446 §D.4); in TLS 1.2 it means the server
        // resumed a session: "the server … sends a ChangeCipherSpec … and then Finished" (RFC 5246 §7.3).
        if (this.state === "tls12") {
          this.finish(false, "the server resumed a TLS 1.2 session (abbreviated handshake): it asked for no certificate on this connection");
        }
        return;
      case ContentType.handshake:
        if (this.state === "tls13") {
          this.finish(null, "unexpected plaintext handshake record after the TLS 1.3 ServerHello");
          return;
        }
        for (const message of this.plaintext.push(record.fragment)) {
          this.onPlaintextMessage(message);
          if (this.state !== "server-hello" && this.state !== "tls12") return;
        }
        return;
      case ContentType.applicationData:
        if (this.state !== "tls13") {
          this.finish(null, "application data before the handshake ended");
          return;
        }
        if (this.queued.length >= MAX_QUEUED_RECORDS) {
          this.finish(null, "too many encrypted records without a key to read them");
          return;
        }
        this.queued.push(record);
        this.drain();
        return;
      default:
        return;
    }
  }

  private onPlaintextMessage(message: HandshakeMessage): void {
    if (this.state === "server-hello") {
      if (message.type !== HandshakeType.serverHello) {
        this.finish(null, `the server's first handshake message was type ${message.type}, not ServerHello`);
        return;
      }
      const hello = parseServerHello(message.body);
      if (hello.helloRetryRequest) {
        // The real ServerHello follows the client's second ClientHello, still in plaintext.
        this.helloRetried = true;
        return;
      }
      const version = hello.selectedVersion ?? hello.legacyVersion;
      this.protocol = protocolName(version);
      if (version === 0x0304) {
        this.suite = tls13CipherSuite(hello.cipherSuite);
        this.cipherSuite = this.suite?.name ?? `0x${hello.cipherSuite.toString(16).toUpperCase().padStart(4, "0")}`;
        this.state = "tls13";
        if (this.suite === null) this.finish(null, `TLS 1.3 cipher suite ${this.cipherSuite} is not one the observer can decrypt`);
        else this.drain();
        return;
      }
      this.cipherSuite = `0x${hello.cipherSuite.toString(16).toUpperCase().padStart(4, "0")}`;
      this.state = "tls12";
      return;
    }
    if (message.type === HandshakeType.certificateRequest) {
      this.readAuthorities(message.body, false);
      this.finish(true, `the server's ${this.protocol ?? "TLS"} handshake carried a CertificateRequest (read in plaintext)`);
    } else if (message.type === HandshakeType.serverHelloDone) {
      this.finish(false, `the server's ${this.protocol ?? "TLS"} handshake reached ServerHelloDone without a CertificateRequest (read in plaintext)`);
    }
  }

  /** Keeps the CA names of a CertificateRequest; a body it cannot read leaves them unknown (null), not empty. */
  private readAuthorities(body: Buffer, tls13: boolean): void {
    try {
      this.authorities = certificateRequestAuthorities(body, tls13);
    } catch {
      this.authorities = null;
    }
  }

  /** Decrypts queued TLS 1.3 records once both the suite and the secret are known. */
  private drain(): void {
    if (this.state !== "tls13" || this.suite === null || this.secret === null) return;
    this.decrypter ??= new Tls13RecordDecrypter(this.suite, this.secret);
    while (this.queued.length > 0 && this.state === "tls13") {
      const record = this.queued.shift();
      if (record === undefined) break;
      let inner;
      try {
        inner = this.decrypter.decrypt(record.header, record.fragment);
      } catch (error) {
        this.finish(null, `could not decrypt the server's TLS 1.3 handshake (${(error as Error).message})`);
        return;
      }
      if (inner.contentType === ContentType.alert) {
        this.serverAlert = inner.content[1] ?? null;
        this.finish(null, `the server sent TLS alert ${this.serverAlert ?? "?"} inside its encrypted handshake`);
        return;
      }
      if (inner.contentType !== ContentType.handshake) continue;
      for (const message of this.decrypted.push(inner.content)) {
        const how = `(decrypted with the server handshake traffic secret, ${this.suite.name}${this.helloRetried ? ", after a HelloRetryRequest" : ""})`;
        if (message.type === HandshakeType.certificateRequest) {
          this.readAuthorities(message.body, true);
          this.finish(true, `the server's encrypted TLS 1.3 handshake carried a CertificateRequest ${how}`);
          return;
        }
        if (message.type === HandshakeType.finished) {
          this.finish(false, `the server's encrypted TLS 1.3 handshake reached Finished without a CertificateRequest ${how}`);
          return;
        }
      }
    }
  }
}

/** A CA name for the evidence; one that is not a readable Name is shown as hex. */
function nameText(der: Buffer): string {
  try {
    return distinguishedNameText(der);
  } catch {
    return `#${der.toString("hex")}`;
  }
}
