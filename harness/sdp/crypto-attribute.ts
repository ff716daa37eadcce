import { srtpSuiteInfo } from "./srtp-suites.js";

/** An MKI as written in `inline:` key-info: `<value>:<length in bytes>`. */
export interface Mki {
  value: number;
  length: number;
}

/**
 * One `a=crypto` line (RFC 4568 SDES), as parsed or as this layer writes it. JSON-serialisable.
 *
 * RFC 4568 §4: "a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]".
 */
export interface CryptoAttribute {
  /** The decimal tag the answerer echoes to accept this line (`tag = 1*9DIGIT`). */
  tag: number;
  /** The crypto-suite name, e.g. `AES_CM_128_HMAC_SHA1_80`. */
  suite: string;
  /** The key-params exactly as written, e.g. `inline:<40 base64 chars>|2^31|1:1`. */
  keyParams: string;
  /** The base64 master key and salt of the (first) `inline:` key-param. */
  key: string;
  /** The master key lifetime as written (`2^31`, `1048576`), or null when absent. */
  lifetime: string | null;
  /** The MKI, or null when the line has none. */
  mki: Mki | null;
  /** Session parameters after the key-params (`KDR=1`, `UNENCRYPTED_SRTCP` …), in order. */
  sessionParams: string[];
}

/** The outcome of {@link parseCryptoAttribute}: the attribute, or why the line is malformed. */
export type CryptoAttributeParse = { ok: true; crypto: CryptoAttribute } | { ok: false; problem: string };

const fail = (problem: string): CryptoAttributeParse => ({ ok: false, problem });

/**
 * Parses the value of an `a=crypto` attribute (the text after `a=crypto:`).
 *
 * sdp-transform matches `a=crypto` with a pattern that keeps only the first session parameter and lets an empty
 * tag through, so this layer parses the line itself. Only the first key-param is decoded: MS-SDPEXT says "More than
 * one key-params instance per line of a=crypto MUST NOT be used." (`keyParams` keeps the whole text.)
 * A malformed line is reported as `{ ok: false, problem }`, never thrown: a peer's bad line is evidence.
 */
export function parseCryptoAttribute(value: string): CryptoAttributeParse {
  // MS-SDPEXT: "The a=crypto attribute is as specified in [RFC4568], with the exception that a single white space
  // MUST be used." RFC 4568 allows 1*WSP; we accept both and read the fields the same way.
  const [tagText, suite, keyParams, ...sessionParams] = value.trim().split(/[ \t]+/);
  // RFC 4568 §9.1: tag = 1*9DIGIT; crypto-suite = 1*(ALPHA / DIGIT / "_").
  if (tagText === undefined || !/^\d{1,9}$/.test(tagText)) return fail(`the tag ${JSON.stringify(tagText)} is not 1 to 9 digits`);
  if (suite === undefined || !/^\w+$/.test(suite)) return fail("the crypto-suite is missing");
  if (keyParams === undefined) return fail("the key-params are missing");

  // RFC 4568 §9.1: key-param = key-method ":" key-info; §6.1: the SRTP key method is "inline".
  const first = keyParams.split(";")[0] ?? "";
  const colon = first.indexOf(":");
  if (colon < 0 || first.slice(0, colon).toLowerCase() !== "inline") {
    return fail(`the key-params ${JSON.stringify(keyParams)} do not start with inline: (RFC 4568 §6.1)`);
  }
  // RFC 4568 §9.2: srtp-key-info = key-salt ["|" lifetime] ["|" mki]; lifetime = ["2^"] 1*(DIGIT);
  // mki = mki-value ":" mki-length.
  const [key = "", ...rest] = first.slice(colon + 1).split("|");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return fail("the inline key is not base64");
  const info = srtpSuiteInfo(suite);
  const keyBytes = Buffer.from(key, "base64").length;
  if (info !== undefined && keyBytes !== info.keySaltBytes) {
    return fail(`the inline key is ${keyBytes} bytes; ${suite} needs ${info.keySaltBytes} (key and salt)`);
  }
  if (rest.length > 2) return fail("the inline key-info has more than key|lifetime|mki");
  // The lifetime has no ":", the MKI always has one, so a lone field after the key is told apart by it.
  let lifetimeText: string | undefined;
  let mkiText: string | undefined;
  if (rest.length === 2) [lifetimeText, mkiText] = rest;
  else if (rest[0]?.includes(":")) mkiText = rest[0];
  else lifetimeText = rest[0];
  if (lifetimeText !== undefined && !/^(2\^)?\d+$/.test(lifetimeText)) {
    return fail(`the lifetime ${JSON.stringify(lifetimeText)} is not a number or 2^n`);
  }
  let mki: Mki | null = null;
  if (mkiText !== undefined) {
    const match = /^(\d+):(\d{1,3})$/.exec(mkiText);
    const mkiValue = Number(match?.[1]);
    const mkiLength = Number(match?.[2]);
    // RFC 4568 §6.1: the MKI length is 1 to 128 bytes.
    if (match === null || !Number.isSafeInteger(mkiValue) || mkiLength < 1 || mkiLength > 128) {
      return fail(`the MKI ${JSON.stringify(mkiText)} is not <value>:<length 1..128>`);
    }
    mki = { value: mkiValue, length: mkiLength };
  }
  return {
    ok: true,
    crypto: { tag: Number(tagText), suite, keyParams, key, lifetime: lifetimeText ?? null, mki, sessionParams },
  };
}

/** What {@link createCryptoAttribute} needs; the key-params text is composed from it. */
export interface CryptoAttributeInit {
  tag: number;
  suite: string;
  /** Base64 master key and salt. */
  key: string;
  /** @defaultValue null (no lifetime written) */
  lifetime?: string | null;
  /** @defaultValue null (no MKI written) */
  mki?: Mki | null;
  /** @defaultValue [] */
  sessionParams?: string[];
}

/** Builds a {@link CryptoAttribute} and its `inline:key[|lifetime][|value:length]` text. */
export function createCryptoAttribute(init: CryptoAttributeInit): CryptoAttribute {
  const lifetime = init.lifetime ?? null;
  const mki = init.mki ?? null;
  const parts = [`inline:${init.key}`];
  if (lifetime !== null) parts.push(lifetime);
  if (mki !== null) parts.push(`${mki.value}:${mki.length}`);
  return {
    tag: init.tag,
    suite: init.suite,
    keyParams: parts.join("|"),
    key: init.key,
    lifetime,
    mki,
    sessionParams: init.sessionParams ?? [],
  };
}

/** The attribute value as written after `a=crypto:`. */
export function formatCryptoAttribute(crypto: CryptoAttribute): string {
  return [String(crypto.tag), crypto.suite, crypto.keyParams, ...crypto.sessionParams].join(" ");
}
