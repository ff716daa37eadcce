/**
 * SDES key material (`a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:<key>|2^31|1:1`, RFC 4568) hidden in what a report
 * shows: a report is attached to tickets, and an SRTP master key decrypts that call's media for whoever holds a
 * capture. The suite, lifetime and MKI stay (they are what interop depends on), and so does the key's length.
 * run.json keeps the SDP as it was seen.
 */
export function redactSrtpKeys(text: string): string {
  return text.replace(/inline:([A-Za-z0-9+/=]+)/g, (_match, key: string) => `inline:‹${key.length} base64 characters hidden›`);
}
