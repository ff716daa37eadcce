/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/report/matrix-grid.test.ts > TAP > the matrix grid for the terminal and in Markdown (golden), the differing cell marked ≠ > markdown 1`] = `
## Compatibility matrix

**1 measured cell contradicts the documented tables** (marked ≠).

✅ the call works · ❌ it fails · **≠** the measurement differs from the documented table

### Pool EncryptionLevel × dial plan VoIPSecurity

One call per cell as the pool.

Measured (as \`pool\`):

| VoIPSecurity \\\\ EncryptionLevel | RequireEncryption | SupportEncryption |
| --- | --- | --- |
| **SIPSecured** | ❌ fails: incompatible-security-setting (488) | ✅ works: RTP · SIPSecured |
| **Secured** | **≠** ❌ fails: security-parity (403) | ✅ works: SRTP · Secured |

Documented: **docs/protocol.md §2 compatibility matrix** — docs/protocol.md §2 "The compatibility matrix" \\[DOC, seed\\]: 1 of 4 cells differ.

| VoIPSecurity \\\\ EncryptionLevel | RequireEncryption | SupportEncryption |
| --- | --- | --- |
| **SIPSecured** | ❌ fails: "Incompatible security setting" | ✅ works, RTP in clear |
| **Secured** | **≠** ✅ works: MTLS + SRTP | ✅ works: SRTP (answer RTP/SAVP) |

Differences:

- **≠** Secured × RequireEncryption: docs/protocol.md §2 compatibility matrix says works: SRTP · Secured; measured fails: security-parity (403)

`

exports[`harness/report/matrix-grid.test.ts > TAP > the matrix grid for the terminal and in Markdown (golden), the differing cell marked ≠ > terminal 1`] = `
Pool EncryptionLevel × dial plan VoIPSecurity
  One call per cell as the pool.

  measured:
    VoIPSecurity \\ EncryptionLevel  RequireEncryption                      SupportEncryption
    SIPSecured                      ✗ incompatible-security-setting (488)  ✓ RTP · SIPSecured
    Secured                         ≠ ✗ security-parity (403)              ✓ SRTP · Secured

  documented: docs/protocol.md §2 compatibility matrix — docs/protocol.md §2 "The compatibility matrix" [DOC, seed]
    VoIPSecurity \\ EncryptionLevel  RequireEncryption                SupportEncryption
    SIPSecured                      ✗ incompatible-security-setting  ✓ RTP · SIPSecured
    Secured                         ≠ ✓ SRTP · Secured               ✓ SRTP · Secured
    → 1 of 4 cells differ

  ≠ Secured × RequireEncryption: docs/protocol.md §2 compatibility matrix says works: SRTP · Secured; measured fails: security-parity (403)

Compatibility matrix: 1 measured cell contradicts the documented tables (marked ≠).

`
