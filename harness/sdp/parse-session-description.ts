import { parse, type MediaDescription, type SessionDescription } from "sdp-transform";
import { inputError } from "../errors/harness-error.js";
import { STATIC_AUDIO_PAYLOADS } from "./audio-codecs.js";
import { parseCryptoAttribute, type CryptoAttribute } from "./crypto-attribute.js";
import { sdpSections } from "./sdp-sections.js";
import type {
  CryptoscaleAttribute,
  LegacyEncryption,
  ParsedMedia,
  ParsedSessionDescription,
  RtpCodec,
  SdpParseWarning,
} from "./session-description.js";

const PARSE = "EXUM_SDP_PARSE";
const HINT = "an SDP body starts with v=0 and has at least one m= line (RFC 4566 §5)";
const LEGACY_ENCRYPTION: readonly LegacyEncryption[] = ["required", "optional", "rejected"];

/** sdp-transform's result before we know which of its fields are really there. */
type RawSession = Partial<SessionDescription> & { media: Partial<MediaDescription>[] };

/**
 * Parses an SDP body (CRLF or LF line ends) into a JSON-serialisable {@link ParsedSessionDescription}.
 *
 * The SDP grammar is sdp-transform's; `a=crypto` lines are read by {@link parseCryptoAttribute}; `a=cryptoscale` and
 * `a=encryption`, which sdp-transform keeps raw, are read here.
 *
 * Throws `EXUM_SDP_PARSE` when the text is not SDP (no v= line, no m= line, an unreadable m= line). Inside a usable
 * description, a bad attribute line never throws: it is skipped and recorded in `warnings` with a stable code, so a
 * peer's mistake becomes evidence rather than a crash.
 */
export function parseSessionDescription(text: string): ParsedSessionDescription {
  if (typeof text !== "string") throw inputError(PARSE, `expected SDP text, got ${typeof text}`, { hint: HINT });
  const raw = parse(text) as RawSession;
  // RFC 4566 §5: "An SDP session description consists of a session-level section followed by zero or more
  // media-level sections." and begins with "v=". A call needs at least one m= line.
  if (raw.version === undefined) throw inputError(PARSE, "not an SDP body: it has no v= line", { hint: HINT });
  if (raw.media.length === 0) throw inputError(PARSE, "the SDP body has no m= line, so it offers no media", { hint: HINT });

  const sections = sdpSections(text);
  const warnings: SdpParseWarning[] = [];
  for (const line of sections.session.filter((l) => l.startsWith("a=crypto:"))) {
    // RFC 4568 §9.1 defines a=crypto as a media-level attribute.
    const message = "a=crypto is a media-level attribute (RFC 4568 §9.1); ignored";
    warnings.push({ code: "crypto-at-session-level", media: null, line, message });
  }
  const sessionEncryption = legacyEncryption(raw.invalid, null, warnings);
  const sessionAddress = raw.connection?.ip ?? null;

  const media = raw.media.map((m, index): ParsedMedia => {
    const lines = sections.media[index] ?? [];
    if (typeof m.type !== "string" || m.type === "" || typeof m.port !== "number" || !m.protocol) {
      throw inputError(PARSE, `m= line ${index + 1} is not <media> <port> <proto> <fmt …>: ${JSON.stringify(lines[0])}`, {
        hint: "write it like m=audio 5004 RTP/SAVP 0 101 (RFC 4566 §5.14)",
      });
    }
    const formats = m.payloads === undefined ? [] : String(m.payloads).split(" ").filter((f) => f !== "");
    const payloads = formats.filter((f) => /^\d{1,3}$/.test(f)).map(Number);
    const cryptos = cryptoLines(lines, index, warnings);
    const cryptoscales = (m.invalid ?? [])
      .filter((a) => a.value.startsWith("cryptoscale:"))
      .map((a): CryptoscaleAttribute => {
        const value = a.value.slice("cryptoscale:".length);
        const tag = /^\d{1,9}(?=\s|$)/.exec(value);
        return { tag: tag === null ? null : Number(tag[0]), value };
      });
    duplicateTags(cryptos, cryptoscales, lines, index, warnings);
    return {
      type: m.type,
      port: m.port,
      protocol: m.protocol,
      formats,
      payloads,
      codecs: payloads.flatMap((payload) => codecOf(m, payload)),
      connectionAddress: m.connection?.ip ?? sessionAddress,
      // RFC 4566 §6: "If none of the attributes "sendonly", "inactive", and "recvonly" is present, "sendrecv"
      // SHOULD be assumed as the default for sessions that are not of the conference type "broadcast" or "H332"".
      direction: m.direction ?? raw.direction ?? "sendrecv",
      ptime: typeof m.ptime === "number" ? m.ptime : null,
      cryptos,
      cryptoscales,
      encryption: legacyEncryption(m.invalid, index, warnings) ?? sessionEncryption,
    };
  });

  const origin = raw.origin;
  return {
    origin:
      origin === undefined
        ? null
        : {
            userName: String(origin.username),
            sessionId: String(origin.sessionId),
            sessionVersion: String(origin.sessionVersion),
            address: String(origin.address),
          },
    connectionAddress: sessionAddress,
    media,
    warnings,
  };
}

/** The codec of one payload type: its a=rtpmap (and a=fmtp), else the RFC 3551 static entry, else none. */
function codecOf(m: Partial<MediaDescription>, payload: number): RtpCodec[] {
  const fmtp = m.fmtp?.find((f) => f.payload === payload)?.config ?? null;
  const rtpmap = m.rtp?.find((r) => r.payload === payload);
  if (rtpmap !== undefined) {
    return [{ payload, name: String(rtpmap.codec), rate: typeof rtpmap.rate === "number" ? rtpmap.rate : null, fmtp }];
  }
  const known = STATIC_AUDIO_PAYLOADS[payload];
  return known === undefined ? [] : [{ payload, name: known.name, rate: known.rate, fmtp }];
}

/** The well-formed a=crypto lines of one m= section; each malformed one becomes a `crypto-malformed` warning. */
function cryptoLines(lines: string[], media: number, warnings: SdpParseWarning[]): CryptoAttribute[] {
  const cryptos: CryptoAttribute[] = [];
  for (const line of lines.filter((l) => l.startsWith("a=crypto:"))) {
    const result = parseCryptoAttribute(line.slice("a=crypto:".length));
    if (result.ok) cryptos.push(result.crypto);
    else warnings.push({ code: "crypto-malformed", media, line, message: `skipped: ${result.problem}` });
  }
  return cryptos;
}

/** MS-SDPEXT: the tag "MUST be unique across the a=crypto and a=cryptoscale attributes". Duplicates are kept and warned. */
function duplicateTags(
  cryptos: CryptoAttribute[],
  cryptoscales: CryptoscaleAttribute[],
  lines: string[],
  media: number,
  warnings: SdpParseWarning[],
): void {
  const seen = new Set<number>();
  for (const tag of [...cryptos.map((c) => c.tag), ...cryptoscales.map((c) => c.tag)]) {
    if (tag === null) continue;
    if (seen.has(tag)) {
      const line = lines.findLast((l) => new RegExp(`^a=crypto(scale)?:${tag}\\s`).test(l)) ?? "";
      const message = `tag ${tag} is used more than once (MS-SDPEXT: tags are unique across a=crypto and a=cryptoscale)`;
      warnings.push({ code: "crypto-duplicate-tag", media, line, message });
    }
    seen.add(tag);
  }
}

/** The MS-SDP `a=encryption:` value among sdp-transform's raw attributes, or null; an unknown value is warned. */
function legacyEncryption(
  invalid: { value: string }[] | undefined,
  media: number | null,
  warnings: SdpParseWarning[],
): LegacyEncryption | null {
  const attribute = invalid?.find((a) => a.value.startsWith("encryption:"));
  if (attribute === undefined) return null;
  const value = attribute.value.slice("encryption:".length).trim().toLowerCase();
  const known = LEGACY_ENCRYPTION.find((v) => v === value);
  if (known === undefined) {
    const message = "MS-SDP a=encryption is required, optional or rejected; ignored";
    warnings.push({ code: "encryption-unknown", media, line: `a=${attribute.value}`, message });
    return null;
  }
  return known;
}
