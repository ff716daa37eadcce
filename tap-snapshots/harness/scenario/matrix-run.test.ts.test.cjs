/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/scenario/matrix-run.test.ts > TAP > exum matrix on the default lab reproduces the documented tables, cell by cell > markdown grid 1`] = `
## Compatibility matrix

Every measured cell agrees with the documented tables.

✅ the call works · ❌ it fails · **≠** the measurement differs from the documented table

### Pool EncryptionLevel × dial plan VoIPSecurity

The Front End pool (pool persona, mutual TLS to the Call Router on 5061) places a voice-mail call for alice with an offer written for each EncryptionLevel, into her dial plan DP1 set to each VoIPSecurity; one lab per dial plan setting.

Measured (as \`pool\`):

| VoIPSecurity \\\\ EncryptionLevel | RequireEncryption | SupportEncryption | DoNotSupportEncryption |
| --- | --- | --- | --- |
| **Unsecured** | ❌ fails: security-parity (403) | ❌ fails: security-parity (403) | ❌ fails: security-parity (403) |
| **SIPSecured** | ❌ fails: incompatible-security-setting (488) | ✅ works: RTP · SIPSecured | ✅ works: RTP · SIPSecured |
| **Secured** | ✅ works: SRTP · Secured | ✅ works: SRTP · Secured | ❌ fails: srtp-required-by-peer (488) |

Documented: **docs/protocol.md §2 compatibility matrix** — docs/protocol.md §2 "The compatibility matrix" \\[DOC, seed\\]: all 9 cells agree.

| VoIPSecurity \\\\ EncryptionLevel | RequireEncryption | SupportEncryption | DoNotSupportEncryption |
| --- | --- | --- | --- |
| **Unsecured** | ❌ fails: TLS call into an Unsecured dial plan (403), or no TLS listener | ❌ same | ❌ same |
| **SIPSecured** | ❌ fails: "Incompatible security setting" — MTLS is up, SRTP required vs not supported | ✅ works, RTP in clear | ✅ works, RTP |
| **Secured** | ✅ works: MTLS + SRTP | ✅ works: SRTP (answer RTP/SAVP) | ❌ fails: Exchange requires SRTP |

Documented: **Seed: Lync Phone Edition table** — seed documents, quoted in docs/protocol.md §2: "encryption required ↔ Secured; encryption optional ↔ SIP secured or Secured; no encryption ↔ SIP secured" \\[DOC, seed\\] (Unsecured is in none of the seed's pairs: it works in no column): all 9 cells agree.

| VoIPSecurity \\\\ EncryptionLevel | RequireEncryption | SupportEncryption | DoNotSupportEncryption |
| --- | --- | --- | --- |
| **Unsecured** | ❌ not listed | ❌ not listed | ❌ not listed |
| **SIPSecured** | ❌ not listed (required ↔ Secured only) | ✅ optional ↔ SIP secured | ✅ no encryption ↔ SIP secured |
| **Secured** | ✅ required ↔ Secured | ✅ optional ↔ Secured | ❌ not listed (no encryption ↔ SIP secured only) |

### Trunk SRTPMode × dial plan VoIPSecurity (Mediation Server)

The Mediation Server (mediation persona, mutual TLS, its own UM IP gateway on DP1) calls the Subscriber Access pilot with an offer written for each trunk SRTPMode, into DP1 set to each VoIPSecurity; one lab per dial plan setting.

Measured (as \`mediation\`):

| VoIPSecurity \\\\ SRTPMode | Required | Optional | NotSupported |
| --- | --- | --- | --- |
| **Unsecured** | ❌ fails: security-parity (403) | ❌ fails: security-parity (403) | ❌ fails: security-parity (403) |
| **SIPSecured** | ❌ fails: incompatible-security-setting (488) | ✅ works: RTP · SIPSecured | ✅ works: RTP · SIPSecured |
| **Secured** | ✅ works: SRTP · Secured | ✅ works: SRTP · Secured | ❌ fails: srtp-required-by-peer (488) |

Documented: **docs/protocol.md §2 matrix for a trunk's SRTPMode** — docs/protocol.md §2 "Trunk SRTPMode" \\[DOC\\] and "The compatibility matrix" \\[DOC, seed\\] (\\[INF\\] Required ↔ RequireEncryption, Optional ↔ SupportEncryption, NotSupported ↔ DoNotSupportEncryption): all 9 cells agree.

| VoIPSecurity \\\\ SRTPMode | Required | Optional | NotSupported |
| --- | --- | --- | --- |
| **Unsecured** | ❌ fails: TLS call into an Unsecured dial plan (403), or no TLS listener | ❌ same | ❌ same |
| **SIPSecured** | ❌ fails: "Incompatible security setting" — MTLS is up, SRTP required vs not supported | ✅ works, RTP in clear | ✅ works, RTP |
| **Secured** | ✅ works: MTLS + SRTP | ✅ works: SRTP (answer RTP/SAVP) | ❌ fails: Exchange requires SRTP |

### UMStartupMode × dial plan VoIPSecurity

Every Exchange 2013/2016 server (Call Router and Mailbox) in each UMStartupMode, DP1 set to each VoIPSecurity: a gateway calls the Unsecured dial plan over TCP (5060), the pool calls a secured one over mutual TLS (5061) with SupportEncryption; one lab per cell.

Measured (as \`pool; gateway over TCP for Unsecured\`):

| VoIPSecurity \\\\ UMStartupMode | TCP | TLS | Dual |
| --- | --- | --- | --- |
| **Unsecured** | ✅ works: RTP · Unsecured | ❌ fails: connection-refused | ✅ works: RTP · Unsecured |
| **SIPSecured** | ❌ fails: connection-refused | ✅ works: RTP · SIPSecured | ✅ works: RTP · SIPSecured |
| **Secured** | ❌ fails: connection-refused | ✅ works: SRTP · Secured | ✅ works: SRTP · Secured |

Documented: **docs/protocol.md §1 UMStartupMode** — docs/protocol.md §1 "UMStartupMode" \\[DOC\\] with §2 "Exchange UM dial plan VoIPSecurity" \\[DOC\\] (each call uses the transport its dial plan needs: TCP into Unsecured, mutual TLS into SIP secured and Secured): all 9 cells agree.

| VoIPSecurity \\\\ UMStartupMode | TCP | TLS | Dual |
| --- | --- | --- | --- |
| **Unsecured** | ✅ works: TCP listener open, SIP over TCP + RTP | ❌ fails: TLS mode opens only the TLS listener | ✅ works: both listeners open |
| **SIPSecured** | ❌ fails: no listener on 5061, connection refused | ✅ works: mutual TLS + RTP | ✅ works: mutual TLS + RTP |
| **Secured** | ❌ fails: no listener on 5061, connection refused | ✅ works: mutual TLS + SRTP | ✅ works: mutual TLS + SRTP |

`

exports[`harness/scenario/matrix-run.test.ts > TAP > exum matrix on the default lab reproduces the documented tables, cell by cell > terminal grid 1`] = `
Pool EncryptionLevel × dial plan VoIPSecurity
  The Front End pool (pool persona, mutual TLS to the Call Router on 5061) places a voice-mail call for alice with an offer written for each EncryptionLevel, into her dial plan DP1 set to each VoIPSecurity; one lab per dial plan setting.

  measured:
    VoIPSecurity \\ EncryptionLevel  RequireEncryption                      SupportEncryption        DoNotSupportEncryption
    Unsecured                       ✗ security-parity (403)                ✗ security-parity (403)  ✗ security-parity (403)
    SIPSecured                      ✗ incompatible-security-setting (488)  ✓ RTP · SIPSecured       ✓ RTP · SIPSecured
    Secured                         ✓ SRTP · Secured                       ✓ SRTP · Secured         ✗ srtp-required-by-peer (488)

  documented: docs/protocol.md §2 compatibility matrix — docs/protocol.md §2 "The compatibility matrix" [DOC, seed]
    VoIPSecurity \\ EncryptionLevel  RequireEncryption                        SupportEncryption                        DoNotSupportEncryption
    Unsecured                       ✗ security-parity or connection-refused  ✗ security-parity or connection-refused  ✗ security-parity or connection-refused
    SIPSecured                      ✗ incompatible-security-setting          ✓ RTP · SIPSecured                       ✓ RTP · SIPSecured
    Secured                         ✓ SRTP · Secured                         ✓ SRTP · Secured                         ✗ srtp-required-by-peer
    → all 9 cells agree

  documented: Seed: Lync Phone Edition table — seed documents, quoted in docs/protocol.md §2: "encryption required ↔ Secured; encryption optional ↔ SIP secured or Secured; no encryption ↔ SIP secured" [DOC, seed] (Unsecured is in none of the seed's pairs: it works in no column)
    VoIPSecurity \\ EncryptionLevel  RequireEncryption  SupportEncryption  DoNotSupportEncryption
    Unsecured                       ✗                  ✗                  ✗
    SIPSecured                      ✗                  ✓                  ✓
    Secured                         ✓                  ✓                  ✗
    → all 9 cells agree

Trunk SRTPMode × dial plan VoIPSecurity (Mediation Server)
  The Mediation Server (mediation persona, mutual TLS, its own UM IP gateway on DP1) calls the Subscriber Access pilot with an offer written for each trunk SRTPMode, into DP1 set to each VoIPSecurity; one lab per dial plan setting.

  measured:
    VoIPSecurity \\ SRTPMode  Required                               Optional                 NotSupported
    Unsecured                ✗ security-parity (403)                ✗ security-parity (403)  ✗ security-parity (403)
    SIPSecured               ✗ incompatible-security-setting (488)  ✓ RTP · SIPSecured       ✓ RTP · SIPSecured
    Secured                  ✓ SRTP · Secured                       ✓ SRTP · Secured         ✗ srtp-required-by-peer (488)

  documented: docs/protocol.md §2 matrix for a trunk's SRTPMode — docs/protocol.md §2 "Trunk SRTPMode" [DOC] and "The compatibility matrix" [DOC, seed] ([INF] Required ↔ RequireEncryption, Optional ↔ SupportEncryption, NotSupported ↔ DoNotSupportEncryption)
    VoIPSecurity \\ SRTPMode  Required                                 Optional                                 NotSupported
    Unsecured                ✗ security-parity or connection-refused  ✗ security-parity or connection-refused  ✗ security-parity or connection-refused
    SIPSecured               ✗ incompatible-security-setting          ✓ RTP · SIPSecured                       ✓ RTP · SIPSecured
    Secured                  ✓ SRTP · Secured                         ✓ SRTP · Secured                         ✗ srtp-required-by-peer
    → all 9 cells agree

UMStartupMode × dial plan VoIPSecurity
  Every Exchange 2013/2016 server (Call Router and Mailbox) in each UMStartupMode, DP1 set to each VoIPSecurity: a gateway calls the Unsecured dial plan over TCP (5060), the pool calls a secured one over mutual TLS (5061) with SupportEncryption; one lab per cell.

  measured:
    VoIPSecurity \\ UMStartupMode  TCP                   TLS                   Dual
    Unsecured                     ✓ RTP · Unsecured     ✗ connection-refused  ✓ RTP · Unsecured
    SIPSecured                    ✗ connection-refused  ✓ RTP · SIPSecured    ✓ RTP · SIPSecured
    Secured                       ✗ connection-refused  ✓ SRTP · Secured      ✓ SRTP · Secured

  documented: docs/protocol.md §1 UMStartupMode — docs/protocol.md §1 "UMStartupMode" [DOC] with §2 "Exchange UM dial plan VoIPSecurity" [DOC] (each call uses the transport its dial plan needs: TCP into Unsecured, mutual TLS into SIP secured and Secured)
    VoIPSecurity \\ UMStartupMode  TCP                   TLS                   Dual
    Unsecured                     ✓ RTP · Unsecured     ✗ connection-refused  ✓ RTP · Unsecured
    SIPSecured                    ✗ connection-refused  ✓ RTP · SIPSecured    ✓ RTP · SIPSecured
    Secured                       ✗ connection-refused  ✓ SRTP · Secured      ✓ SRTP · Secured
    → all 9 cells agree

Compatibility matrix: every measured cell agrees with the documented tables.

`
