/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/diff/diff-renderers.test.ts > TAP > HTML (golden): one self-contained file, nothing to load, a peer's text escaped > diff html 1`] = `
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-EunWtxq16+JMmZrZ5JRE0bMKyeNNNaq5aNgUFatmBeE=&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;"><meta name="referrer" content="no-referrer"><title>exum diff — 2026-05-01T10-00-00Z-0f0f → 2026-05-02T10-00-00Z-beef</title><style>:root{color-scheme:light dark;--bad:#b3261e;--warn:#b26a00;--good:#1b7f3b;--muted:#667}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #8884;padding:.3em .5em;text-align:left;vertical-align:top}
code{font-family:ui-monospace,monospace;font-size:.92em;overflow-wrap:anywhere}
.badge{border-radius:.3em;color:#fff;display:inline-block;font-size:.85em;padding:0 .4em;white-space:nowrap}
.security-regression .badge{background:var(--bad)}.regression .badge{background:var(--warn)}.improvement .badge{background:var(--good)}.change .badge{background:var(--muted)}
tr.security-regression{background:#b3261e14}
.summary{font-size:1.05em}.note{color:var(--muted)}
@media (max-width:640px){td,th{display:block;border:0}tr{border-bottom:1px solid #8884;display:block}}
@media print{body{max-width:none}tr{break-inside:avoid}}
</style></head>
<body><header><h1>exum diff</h1></header><main><table class="runs"><tr><th></th><th>file</th><th>run</th><th>started</th><th>against</th></tr><tr><th>run A (baseline)</th><td><code>reports/before/run.json</code></td><td><code>2026-05-01T10-00-00Z-0f0f</code></td><td>2026-05-01T10:00:00.000Z</td><td>the embedded lab (exum default lab)</td></tr><tr><th>run B</th><td><code>reports/after/run.json</code></td><td><code>2026-05-02T10-00-00Z-beef</code></td><td>2026-05-02T10:00:00.000Z</td><td>the embedded lab (exum default lab)</td></tr></table><p class="summary"><strong>4 security regressions, 0 regressions, 2 improvements, 4 changes</strong>: 3 scenarios differ (3 ran in both runs); certificate expiry warning: 30 days.</p><section><h2><code>incompatible-security-setting</code> Incompatible security setting</h2><table><tr><th>class</th><th>step</th><th>what</th><th>run A</th><th>run B</th><th>why</th></tr><tr class="improvement"><td><span class="badge">improvement</span></td><td>—</td><td>verdict</td><td><code>failed</code></td><td><code>passed</code></td><td>it was failed in run A and passes in run B</td></tr><tr class="security-regression"><td><span class="badge">security regression</span></td><td><code>steps[0]</code> options callRouter</td><td>TLS version<br><span class="note">hop 1 cas01.tukwila.contoso.com</span></td><td><code>TLSv1.3</code></td><td><code>TLSv1.2</code></td><td>TLSv1.2 is weaker than TLSv1.3</td></tr><tr class="security-regression"><td><span class="badge">security regression</span></td><td><code>steps[0]</code> options callRouter</td><td>cipher<br><span class="note">hop 1 cas01.tukwila.contoso.com</span></td><td><code>TLS_AES_256_GCM_SHA384</code></td><td><code>TLS_RSA_WITH_AES_256_CBC_SHA</code></td><td>TLS_RSA_WITH_AES_256_CBC_SHA is weaker than TLS_AES_256_GCM_SHA384: weak (no forward secrecy or 3DES) against strong (forward secrecy, AEAD)</td></tr><tr class="change"><td><span class="badge">change</span></td><td><code>steps[0]</code> options callRouter</td><td>certificate fingerprint<br><span class="note">hop 1 cas01.tukwila.contoso.com, server certificate</span></td><td><code>AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99</code></td><td><code>11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF</code></td><td>another certificate (renewed or replaced)</td></tr><tr class="change"><td><span class="badge">change</span></td><td><code>steps[0]</code> options callRouter</td><td>certificate issuer<br><span class="note">hop 1 cas01.tukwila.contoso.com, server certificate</span></td><td><code>O=exum lab, CN=exum Lab Root CA</code></td><td><code>O=&lt;script&gt;window.__exumPwned = 1&lt;/script&gt; | *evil* [link](http://x) [31mCA</code></td><td>another issuer</td></tr><tr class="security-regression"><td><span class="badge">security regression</span></td><td><code>steps[0]</code> options callRouter</td><td>certificate expiry<br><span class="note">hop 1 cas01.tukwila.contoso.com, server certificate</span></td><td><code>2028-01-01T00:00:00.000Z (609 days left)</code></td><td><code>2026-05-12T12:00:00.000Z (10 days left)</code></td><td>10 days left in run B, fewer than the 30-day warning threshold (609 in run A)</td></tr><tr class="security-regression"><td><span class="badge">security regression</span></td><td><code>steps[0]</code> options callRouter</td><td>mutual TLS accepted<br><span class="note">hop 1 cas01.tukwila.contoso.com</span></td><td><code>accepted</code></td><td><code>rejected</code></td><td>the server accepted our certificate in run A, not in run B</td></tr><tr class="improvement"><td><span class="badge">improvement</span></td><td><code>steps[1]</code> Pool RequireEncryption into a SIPSecured dial plan</td><td>verdict</td><td><code>failed</code></td><td><code>passed</code></td><td>it was failed in run A and passes in run B</td></tr></table></section><section><h2><code>new-scenario</code> A scenario added since</h2><table><tr><th>class</th><th>step</th><th>what</th><th>run A</th><th>run B</th><th>why</th></tr><tr class="change"><td><span class="badge">change</span></td><td>—</td><td>scenario</td><td><span class="note">—</span></td><td><code>passed</code></td><td>the scenario ran in run B only</td></tr></table></section><section><h2><code>wildcard-subject-name</code> Wildcard Subject Name</h2><table><tr><th>class</th><th>step</th><th>what</th><th>run A</th><th>run B</th><th>why</th></tr><tr class="change"><td><span class="badge">change</span></td><td>—</td><td>scenario</td><td><code>passed</code></td><td><span class="note">—</span></td><td>the scenario ran in run A only</td></tr></table></section></main><footer class="note">exum diff schemaVersion 1</footer></body></html>

`

exports[`harness/diff/diff-renderers.test.ts > TAP > Markdown for a change ticket (golden): a table per scenario, a peer's text escaped > diff markdown 1`] = `
# exum diff

|  | file | run | started | against |
| --- | --- | --- | --- | --- |
| run A (baseline) | \`reports/before/run.json\` | \`2026-05-01T10-00-00Z-0f0f\` | 2026-05-01T10:00:00.000Z | the embedded lab (exum default lab) |
| run B | \`reports/after/run.json\` | \`2026-05-02T10-00-00Z-beef\` | 2026-05-02T10:00:00.000Z | the embedded lab (exum default lab) |

**4 security regressions, 0 regressions, 2 improvements, 4 changes**: 3 scenarios differ (3 ran in both runs); certificate expiry warning: 30 days.

## incompatible-security-setting: Incompatible security setting

| class | step | what | run A | run B | why |
| --- | --- | --- | --- | --- | --- |
| ✅ improvement | — | verdict | failed | passed | it was failed in run A and passes in run B |
| 🔓 security regression | \`steps[0]\` options callRouter | TLS version, hop 1 cas01.tukwila.contoso.com | TLSv1.3 | TLSv1.2 | TLSv1.2 is weaker than TLSv1.3 |
| 🔓 security regression | \`steps[0]\` options callRouter | cipher, hop 1 cas01.tukwila.contoso.com | TLS\\_AES\\_256\\_GCM\\_SHA384 | TLS\\_RSA\\_WITH\\_AES\\_256\\_CBC\\_SHA | TLS\\_RSA\\_WITH\\_AES\\_256\\_CBC\\_SHA is weaker than TLS\\_AES\\_256\\_GCM\\_SHA384: weak (no forward secrecy or 3DES) against strong (forward secrecy, AEAD) |
| ↔️ change | \`steps[0]\` options callRouter | certificate fingerprint, hop 1 cas01.tukwila.contoso.com, server certificate | AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99 | 11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF | another certificate (renewed or replaced) |
| ↔️ change | \`steps[0]\` options callRouter | certificate issuer, hop 1 cas01.tukwila.contoso.com, server certificate | O=exum lab, CN=exum Lab Root CA | O=&lt;script&gt;window.\\_\\_exumPwned = 1&lt;/script&gt; \\| \\*evil\\* \\[link\\](http://x) \\\\x1b\\[31mCA | another issuer |
| 🔓 security regression | \`steps[0]\` options callRouter | certificate expiry, hop 1 cas01.tukwila.contoso.com, server certificate | 2028-01-01T00:00:00.000Z (609 days left) | 2026-05-12T12:00:00.000Z (10 days left) | 10 days left in run B, fewer than the 30-day warning threshold (609 in run A) |
| 🔓 security regression | \`steps[0]\` options callRouter | mutual TLS accepted, hop 1 cas01.tukwila.contoso.com | accepted | rejected | the server accepted our certificate in run A, not in run B |
| ✅ improvement | \`steps[1]\` Pool RequireEncryption into a SIPSecured dial plan | verdict | failed | passed | it was failed in run A and passes in run B |

## new-scenario: A scenario added since

| class | step | what | run A | run B | why |
| --- | --- | --- | --- | --- | --- |
| ↔️ change | — | scenario | — | passed | the scenario ran in run B only |

## wildcard-subject-name: Wildcard Subject Name

| class | step | what | run A | run B | why |
| --- | --- | --- | --- | --- | --- |
| ↔️ change | — | scenario | passed | — | the scenario ran in run A only |

`

exports[`harness/diff/diff-renderers.test.ts > TAP > the terminal (golden): per scenario and step, the class, both values and why > diff text 1`] = `
run A: reports/before/run.json (2026-05-01T10-00-00Z-0f0f, started 2026-05-01T10:00:00.000Z)
run B: reports/after/run.json (2026-05-02T10-00-00Z-beef, started 2026-05-02T10:00:00.000Z)

incompatible-security-setting: Incompatible security setting
  improvement          verdict: failed → passed — it was failed in run A and passes in run B
  steps[0] options callRouter
    SECURITY REGRESSION  TLS version, hop 1 cas01.tukwila.contoso.com: TLSv1.3 → TLSv1.2 — TLSv1.2 is weaker than TLSv1.3
    SECURITY REGRESSION  cipher, hop 1 cas01.tukwila.contoso.com: TLS_AES_256_GCM_SHA384 → TLS_RSA_WITH_AES_256_CBC_SHA — TLS_RSA_WITH_AES_256_CBC_SHA is weaker than TLS_AES_256_GCM_SHA384: weak (no forward secrecy or 3DES) against strong (forward secrecy, AEAD)
    change               certificate fingerprint, hop 1 cas01.tukwila.contoso.com, server certificate: AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99 → 11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF:11:22:33:44:55:66:77:88:99:00:AA:BB:CC:DD:EE:FF — another certificate (renewed or replaced)
    change               certificate issuer, hop 1 cas01.tukwila.contoso.com, server certificate: O=exum lab, CN=exum Lab Root CA → O=<script>window.__exumPwned = 1</script> | *evil* [link](http://x) \\x1b[31mCA — another issuer
    SECURITY REGRESSION  certificate expiry, hop 1 cas01.tukwila.contoso.com, server certificate: 2028-01-01T00:00:00.000Z (609 days left) → 2026-05-12T12:00:00.000Z (10 days left) — 10 days left in run B, fewer than the 30-day warning threshold (609 in run A)
    SECURITY REGRESSION  mutual TLS accepted, hop 1 cas01.tukwila.contoso.com: accepted → rejected — the server accepted our certificate in run A, not in run B
  steps[1] Pool RequireEncryption into a SIPSecured dial plan
    improvement          verdict: failed → passed — it was failed in run A and passes in run B

new-scenario: A scenario added since
  change               scenario: — → passed — the scenario ran in run B only

wildcard-subject-name: Wildcard Subject Name
  change               scenario: passed → — — the scenario ran in run A only

4 security regressions, 0 regressions, 2 improvements, 4 changes: 3 scenarios differ (3 ran in both runs); certificate expiry warning: 30 days.

`
