import { randomBytes } from "node:crypto";
import { inputError } from "../errors/harness-error.js";

/**
 * AES_CM_128_HMAC_SHA1_80 keys 30 bytes of master key and salt (RFC 4568 §6.2.1), which base64 writes as exactly
 * 40 characters with no padding: docs/protocol.md §2 "inline:<40 base64 chars>".
 */
const KEY_PATTERN = /^[A-Za-z0-9+/]{40}$/;

/** A fresh master key and salt for AES_CM_128_HMAC_SHA1_80: 30 random bytes as 40 base64 characters. */
export function randomSrtpKey(): string {
  return randomBytes(30).toString("base64");
}

/** Checks an injected key (golden tests, replays); throws `EXUM_SDP_BAD_KEY` naming the option field. */
export function assertSrtpKey(key: unknown, field: string): string {
  if (typeof key === "string" && KEY_PATTERN.test(key)) return key;
  throw inputError("EXUM_SDP_BAD_KEY", `${field} is not an AES_CM_128_HMAC_SHA1_80 key: ${JSON.stringify(key)}`, {
    field,
    hint: "give 30 bytes of key and salt as 40 base64 characters, e.g. from: openssl rand -base64 30",
  });
}
