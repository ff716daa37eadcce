/* IMPORTANT
 * This snapshot file is auto-generated, but designed for humans.
 * It should be checked into source control and tracked carefully.
 * Re-generate by setting TAP_SNAPSHOT=1 and running tests.
 * Make sure to inspect the output below.  Do not ignore changes!
 */
'use strict'
exports[`harness/report/markdown.test.ts > TAP > report.md of the fixture run (golden) > report.md 1`] = `
# exum interop report

**💥 error** — run \`2026-05-01T10-00-00Z-0f0f\` against the embedded lab (exum default lab), 2026-05-01T10:00:00.000Z, 1.25 s (exum 0.1.0)

- scenarios: 4 (1 passed, 1 failed, 1 error, 1 skipped)
- steps: 7 (6 passed, 1 failed, 0 errors, 0 skipped)
- expectations: 3 of 4 met

|  | scenario | steps | duration |
| --- | --- | --- | --- |
| ❌ failed | Incompatible security setting (\`incompatible-security-setting\`) | 5 | 120 ms |
| ✅ passed | Wildcard Subject Name (\`wildcard-subject-name\`) | 2 | 120 ms |
| ⏭️ skipped | OWA trusted application (\`owa-trusted-application\`) | 0 | 0.0 ms |
| 💥 error | Redundant UM (\`redundant-um\`) | 0 | 120 ms |

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

## Scenarios

### ❌ Incompatible security setting — failed

Pool requires encryption, dial plan is SIP secured; MTLS comes up, the call fails with "Incompatible security setting".

\`scenarios/incompatible-security-setting.yaml\` · tags: encryption, seed · 120 ms

> Note: lab overrides: dialPlans\\[DP1\\].voipSecurity = SIPSecured

#### ✅ steps\\[0\\] · options callRouter — passed

OPTIONS to UM Call Router cas01.tukwila.contoso.com:5061 was answered 200 OK over mutual TLS in 6.6 ms.

- ✓ status is 200

#### ❌ steps\\[1\\] · Pool RequireEncryption into a SIPSecured dial plan — failed

The call to sip:alice@contoso.com;opaque=app:voicemail failed with 488 Not Acceptable &lt;img src=x onerror=alert(1)&gt; Here from UM worker mbx01.tukwila.contoso.com:5066. Path: UM Call Router cas01.tukwila.contoso.com:5061 302 Moved Temporarily → UM service mbx01.tukwila.contoso.com:5063 302 Moved Temporarily → UM worker mbx01.tukwila.contoso.com:5066 488 Not Acceptable &lt;img src=x onerror=alert(1)&gt; Here.

- ✓ outcome is failed
- ✗ **not met:** expected failure security-parity, saw incompatible-security-setting

> **Why:** The dial plan is SIP secured (RTP only) while the caller requires encryption: mutual TLS comes up, the call fails with "Incompatible security setting". (\`incompatible-security-setting\`, reason \`Incompatible security setting\`)
>
> **Fix:** Make the dial plan Secured (the recommended setting), or let the pool (or the Mediation Server's trunk) use SRTP only when it can be negotiated.
>
> \`\`\`powershell
> Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured
> Set-CsMediaConfiguration -Identity Global -EncryptionLevel SupportEncryption
> Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Optional   # a Mediation Server trunk
> \`\`\`
>
> Source: docs/protocol.md §3 "Incompatible security setting" \\[DOC, seed\\]; §2 "The compatibility matrix"; seed Lync Phone Edition table

#### ✅ steps\\[2\\] · The Call Router in TCP startup mode — passed

The call to sip:alice@contoso.com;opaque=app:voicemail failed before any SIP answer from UM Call Router cas01.tukwila.contoso.com:5061: connection-refused.

- ✓ failure is connection-refused

> **Why:** Nothing listens on that address and port: the server's UMStartupMode does not open that listener, or its service is stopped. (\`connection-refused\`)
>
> **Fix:** A secured dial plan needs the TLS listener (5061 on the Call Router, 5063 on the UM service): set UMStartupMode to Dual (or TLS) on every Client Access and Mailbox server and restart the UM services; an Unsecured dial plan needs the TCP listener (TCP or Dual). Start a stopped service.
>
> \`\`\`powershell
> Set-UMCallRouterSettings -Server <Client Access server> -UMStartupMode Dual; Restart-Service MSExchangeUMCR
> Set-UMService -Identity <Mailbox server> -UMStartupMode Dual; Restart-Service MSExchangeUM
> \`\`\`
>
> Source: docs/protocol.md §1 "UMStartupMode" \\[DOC\\]; §7 "A stopped Call Router or UM service refuses connections" \\[OBS\\]\\[INF\\]

#### ✅ steps\\[3\\] · Point mbx01 at mbx03 — passed

The lab was changed: mbx01.tukwila.contoso.com → 127.42.7.13.

#### ✅ steps\\[4\\] · wait 2s — passed

Waited 2.00 s.

Event log of the simulated servers:

| time | server | event | level | message |
| --- | --- | --- | --- | --- |
| \`2026-05-01T10:00:00.010Z\` | cas01.tukwila.contoso.com | 1647 | warning | The UM Call Router rejected a call: \\*bold\\* \\[link\\](http://example.invalid) \\| pipe |
| \`2026-05-01T10:00:00.040Z\` | mbx01.tukwila.contoso.com | 1021 | warning | The call was rejected: Incompatible security setting. &lt;img src=x onerror=alert(2)&gt; |

### ✅ Wildcard Subject Name — passed

A scenario of the fixture.

\`scenarios/wildcard-subject-name.yaml\` · tags: fixture · 120 ms

#### ✅ steps\\[0\\] · certs umService:mbx01 — passed

The certificate O=exum lab, CN=\\*.contoso.com presented by umService:mbx01 fails 1 of 2 checks.

- **Wildcard in the Subject Name**: CN=\\*.contoso.com is a wildcard **Fix:** Re-issue with the server FQDN as CN; a wildcard only in the SAN

#### ✅ steps\\[1\\] · failover mbx01, mbx03 — passed

2 servers tried (mbx01.tukwila.contoso.com connection-refused, mbx03.dublin.contoso.com 200); served by mbx03.dublin.contoso.com after 8.4 ms.

### ⏭️ OWA trusted application — skipped

A scenario of the fixture.

\`scenarios/owa-trusted-application.yaml\` · tags: fixture

Skipped: lab only: needs the lab's OWA pool

### 💥 Redundant UM — error

A scenario of the fixture.

\`scenarios/redundant-um.yaml\` · tags: fixture · 120 ms

**Harness error** \`EXUM_LAB_NO_FREE_ADDRESS_BLOCK\`: no free loopback block — stop another exum lab

Event log outside any scenario:

| time | server | event | level | message |
| --- | --- | --- | --- | --- |
| \`2026-05-01T10:00:00.001Z\` | cas01.tukwila.contoso.com | 1401 | information | SIP peers healthy |

`
