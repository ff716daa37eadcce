import t, { type Test } from "tap";
import { cipherGrade, judgeCipher } from "./cipher-grade.js";
import type { DiffClass } from "./diff-class.js";
import type { Judgement } from "./diff-entry.js";
import { judgeExpiry, type ExpirySeen } from "./judge-expiry.js";
import { judgeFailure } from "./judge-failure.js";
import { judgeMediaVerdict } from "./judge-media-verdict.js";
import { judgeProtection } from "./judge-protection.js";
import { judgeLintRule, judgeLintVerdict } from "./judge-lint.js";
import { judgeOutcome } from "./judge-outcome.js";
import { judgeExchangeMode, judgeMediaProtection, judgeSignaling, judgeTransport } from "./judge-ranked.js";
import { judgeVerdict } from "./judge-verdict.js";
import { judgeSrtpSuite, srtpSuiteRank } from "./srtp-suite-rank.js";
import { judgeTlsVersion } from "./tls-version-rank.js";
import type { VoipSecurity } from "../model/voip-security.js";
import type { MediaProtection, Signaling, Transport } from "../model/signaling.js";
import type { ProbeResult } from "../model/probe-result.js";
import type { MediaVerdict } from "../model/media-evidence.js";
import type { Verdict } from "../model/verdict.js";

/** One row: run A's value, run B's, and the class the rule must give (null: no difference). */
type Row<T> = readonly [before: T, after: T, expected: DiffClass | null];

function table<T>(t: Test, name: string, rows: readonly Row<T>[], rule: (before: T, after: T) => Judgement | null): void {
  t.test(name, async (t) => {
    for (const [before, after, expected] of rows) {
      const judged = rule(before, after);
      t.equal(judged?.class ?? null, expected, `${JSON.stringify(before)} → ${JSON.stringify(after)}: ${judged?.reason ?? "no difference"}`);
      if (judged !== null) t.ok(judged.reason.length > 10, "with a reason a reader can follow");
    }
  });
}

table(t, "TLS version: older is a security regression, newer an improvement", [
  ["TLSv1.3", "TLSv1.3", null],
  ["TLSv1.3", "TLSv1.2", "security-regression"],
  ["TLSv1.2", "TLSv1", "security-regression"],
  ["TLSv1.2", "SSLv3", "security-regression"],
  ["TLSv1.2", "TLSv1.3", "improvement"],
  ["TLSv1.1", "TLSv1.2", "improvement"],
  ["TLSv1.3", null, "change"], // no handshake: the failure code says why
  [null, "TLSv1.2", "change"],
  ["TLSv1.3", "QUICv1", "change"], // a name the order does not know
] as const, judgeTlsVersion);

table(t, "cipher: a lower grade is a security regression, a higher one an improvement, the same grade a change", [
  ["TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384", null],
  ["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "change"], // both forward-secret AEAD
  ["TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "security-regression"], // AEAD → CBC
  ["TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_RSA_WITH_AES_256_CBC_SHA256", "security-regression"], // forward secrecy lost
  ["TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_RC4_128_SHA", "security-regression"], // RFC 7465
  ["TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "improvement"],
  ["ECDHE-RSA-AES256-GCM-SHA384", "AES256-SHA", "security-regression"], // OpenSSL names
  [null, "TLS_AES_256_GCM_SHA384", "change"],
] as const, judgeCipher);

t.test("cipher grades, by name", async (t) => {
  const grades: [string, number][] = [
    ["TLS_CHACHA20_POLY1305_SHA256", 3],
    ["TLS_AES_128_CCM_8_SHA256", 3],
    ["ECDHE-ECDSA-CHACHA20-POLY1305", 3],
    ["TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 2],
    ["TLS_RSA_WITH_AES_256_GCM_SHA384", 1],
    ["TLS_RSA_WITH_3DES_EDE_CBC_SHA", 1],
    ["DES-CBC3-SHA", 1],
    ["TLS_RSA_WITH_DES_CBC_SHA", 0],
    ["TLS_RSA_WITH_NULL_SHA256", 0],
    ["TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0],
    ["ADH-AES256-SHA", 0],
  ];
  for (const [name, grade] of grades) t.equal(cipherGrade(name), grade, name);
});

table(t, "SRTP suite: a shorter tag or a smaller key is a security regression (RFC 4568 §6.2, RFC 6188, RFC 7714)", [
  ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", null],
  ["AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "security-regression"],
  ["AES_256_CM_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_80", "security-regression"],
  ["AES_CM_128_HMAC_SHA1_32", "AES_CM_128_HMAC_SHA1_80", "improvement"],
  ["AES_CM_128_HMAC_SHA1_80", "AEAD_AES_256_GCM", "improvement"],
  ["AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM", "change"], // the same key size, a tag at least as long
  ["AES_CM_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_80", "change"], // not ranked
] as const, judgeSrtpSuite);

t.test("SRTP suite ranks", async (t) => {
  t.equal(srtpSuiteRank("AES_192_CM_HMAC_SHA1_32"), 192);
  t.equal(srtpSuiteRank("AES_CM_128_HMAC_SHA1_80"), 1128);
  t.equal(srtpSuiteRank("NULL_HMAC_SHA1_80"), null);
});

table<VoipSecurity | null>(t, "Exchange mode: Secured ▸ SIPSecured ▸ Unsecured (docs/protocol.md §2); less is a security regression", [
  ["Secured", "Secured", null],
  ["Secured", "SIPSecured", "security-regression"],
  ["SIPSecured", "Unsecured", "security-regression"],
  ["Secured", "Unsecured", "security-regression"],
  ["SIPSecured", "Secured", "improvement"],
  ["Secured", null, "change"], // the call was not answered: its outcome and failure say so
] as const, judgeExchangeMode);

table<Signaling | null>(t, "signalling: mutual TLS ▸ TLS ▸ TCP; less is a security regression", [
  ["mtls", "mtls", null],
  ["mtls", "tls", "security-regression"],
  ["tls", "tcp", "security-regression"],
  ["tcp", "mtls", "improvement"],
] as const, judgeSignaling);

table<Transport | null>(t, "transport: TLS → TCP is a security regression", [
  ["tls", "tls", null],
  ["tls", "tcp", "security-regression"],
  ["tcp", "tls", "improvement"],
] as const, judgeTransport);

table<MediaProtection | null>(t, "media protection: SRTP lost is a security regression (docs/media.md §7)", [
  ["srtp", "srtp", null],
  ["srtp", "rtp", "security-regression"],
  ["rtp", "srtp", "improvement"],
  ["srtp", null, "change"], // no media negotiated: the call's outcome says why
] as const, judgeMediaProtection);

table<ProbeResult["outcome"]>(t, "probe outcome: ok or answered → failed is a regression", [
  ["ok", "ok", null],
  ["answered", "failed", "regression"],
  ["ok", "failed", "regression"],
  ["failed", "answered", "improvement"],
  ["ok", "answered", "change"],
] as const, judgeOutcome);

table<"pass" | "fail" | null>(t, "certificate lint verdict: pass → fail is a regression", [
  ["pass", "pass", null],
  ["pass", "fail", "regression"],
  [null, "fail", "regression"],
  ["fail", "pass", "improvement"],
  ["pass", null, "change"], // not linted (no connection): the failure code says why
] as const, judgeLintVerdict);

t.test("a lint rule: an error rule that now fails is a regression, a warning's a change", async (t) => {
  const rows: ["pass" | "fail" | "skip" | null, "pass" | "fail" | "skip" | null, "error" | "warning", DiffClass | null][] = [
    ["pass", "pass", "error", null],
    ["pass", "fail", "error", "regression"],
    [null, "fail", "error", "regression"],
    ["pass", "fail", "warning", "change"],
    ["fail", "pass", "error", "improvement"],
    ["skip", "pass", "error", "change"],
  ];
  for (const [before, after, severity, expected] of rows) t.equal(judgeLintRule(before, after, severity)?.class ?? null, expected, `${severity} ${before} → ${after}`);
});

table<boolean | null>(t, "a protection (trusted, name matches, mutual TLS requested or accepted, verification enforced): lost is a security regression", [
  [true, true, null],
  [false, false, null],
  [true, false, "security-regression"],
  [false, true, "improvement"],
  [true, null, "change"], // not measured
  [null, false, "change"],
] as const, (before, after) => judgeProtection(before, after, "the server accepted our certificate"));

table<Verdict | null>(t, "verdict: passed → failed or error is a regression", [
  ["passed", "passed", null],
  ["passed", "failed", "regression"],
  ["passed", "error", "regression"],
  ["failed", "passed", "improvement"],
  ["error", "passed", "improvement"],
  ["failed", "error", "change"],
  ["passed", "skipped", "change"],
  ["skipped", "failed", "change"],
] as const, judgeVerdict);

table<string | null>(t, "failure code: a new one is a regression, one gone an improvement", [
  [null, null, null],
  ["connection-refused", "connection-refused", null],
  [null, "tls-untrusted-server", "regression"],
  ["connection-refused", "incompatible-security-setting", "regression"],
  ["incompatible-security-setting", null, "improvement"],
] as const, judgeFailure);

table<MediaVerdict | null>(t, "media verdict: less media flowing is a regression (docs/media.md §7)", [
  ["two-way", "two-way", null],
  ["two-way", "one-way-in", "regression"],
  ["one-way-out", "none", "regression"],
  ["none", "two-way", "improvement"],
  ["one-way-in", "one-way-out", "change"],
  ["two-way", null, "change"], // not measured (a call shorter than 1 s)
] as const, judgeMediaVerdict);

t.test("certificate expiry: closer than the threshold is a security regression, each side measured from its own run", async (t) => {
  const seen = (validTo: string, at: string): ExpirySeen => ({ validTo, at });
  const rows: [ExpirySeen | null, ExpirySeen | null, number, DiffClass | null][] = [
    // the same certificate, 40 then 20 days before it expires: it crossed the 30-day threshold
    [seen("2026-06-30T00:00:00Z", "2026-05-21T00:00:00Z"), seen("2026-06-30T00:00:00Z", "2026-06-10T00:00:00Z"), 30, "security-regression"],
    // the same dates with a 14-day threshold: not yet
    [seen("2026-06-30T00:00:00Z", "2026-05-21T00:00:00Z"), seen("2026-06-30T00:00:00Z", "2026-06-10T00:00:00Z"), 14, null],
    // below the threshold both times, the same certificate: nothing changed (the days left vary with every run)
    [seen("2026-06-30T00:00:00Z", "2026-06-10T00:00:00Z"), seen("2026-06-30T00:00:00Z", "2026-06-12T00:00:00Z"), 30, null],
    // far from expiry both times: no difference
    [seen("2028-01-01T00:00:00Z", "2026-05-01T00:00:00Z"), seen("2028-01-01T00:00:00Z", "2026-09-01T00:00:00Z"), 30, null],
    // expired in run B
    [seen("2026-06-30T00:00:00Z", "2026-05-01T00:00:00Z"), seen("2026-06-30T00:00:00Z", "2026-07-02T00:00:00Z"), 30, "security-regression"],
    // a certificate run A never saw, expiring in 5 days
    [null, seen("2026-06-06T00:00:00Z", "2026-06-01T00:00:00Z"), 30, "security-regression"],
    // renewed: valid for longer
    [seen("2026-12-01T00:00:00Z", "2026-05-01T00:00:00Z"), seen("2027-12-01T00:00:00Z", "2026-05-02T00:00:00Z"), 30, "improvement"],
    // replaced by one that expires sooner, still far off
    [seen("2027-12-01T00:00:00Z", "2026-05-01T00:00:00Z"), seen("2026-12-01T00:00:00Z", "2026-05-02T00:00:00Z"), 30, "change"],
    // no certificate in run B: the fingerprint's change says so
    [seen("2027-12-01T00:00:00Z", "2026-05-01T00:00:00Z"), null, 30, null],
  ];
  for (const [before, after, days, expected] of rows) {
    const judged = judgeExpiry(before, after, days);
    t.equal(judged?.class ?? null, expected, `${JSON.stringify(before)} → ${JSON.stringify(after)} at ${days} days: ${judged?.reason ?? "no difference"}`);
  }
  t.match(judgeExpiry(null, seen("2026-06-06T00:00:00Z", "2026-06-01T00:00:00Z"), 30)?.reason, "5 days left in run B, fewer than the 30-day warning threshold");
});
