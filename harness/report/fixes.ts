/**
 * What an administrator changes for each stable failure code (DESIGN.md §7: "each step's verdict in plain language
 * with the fix an administrator would apply (the PowerShell setting to change)"). ONE table, keyed by the codes of
 * harness/scenario failureCodeTable (harness/report may not import it: fixes.test.ts checks that every code there has
 * a row here). Each row names where its rule is written: the PROTOCOL.md section and its tag, or the seed.
 *
 * Placeholders are in angle brackets (`<dial plan>`); reporters escape the whole text.
 */
export interface Fix {
  readonly code: string;
  /** What it means, for an administrator, in one sentence. */
  readonly problem: string;
  /** What to change. */
  readonly action: string;
  /** The commands that change it (Exchange Management Shell, Lync/SfB Management Shell). */
  readonly commands: readonly string[];
  /** Where the rule is written. */
  readonly source: string;
  /**
   * A sharper fix when the rejection names a reason (`ms-diagnostics(-public)` reason, PROTOCOL.md §4): the `rejected`
   * code covers every 4xx–6xx the harness does not classify more precisely.
   */
  readonly byReason?: Readonly<Record<string, { readonly action: string; readonly commands: readonly string[] }>>;
}

const CERTIFICATE_REISSUE = [
  'New-ExchangeCertificate -GenerateRequest -SubjectName "CN=<server FQDN>" -DomainName <server FQDN>,<other server FQDNs> -PrivateKeyExportable $true',
  "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('<issued .cer>'))",
  "Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services UM   # Mailbox; -Services UMCallRouter on a Client Access server",
];

const STARTUP_MODE = [
  "Set-UMCallRouterSettings -Server <Client Access server> -UMStartupMode Dual; Restart-Service MSExchangeUMCR",
  "Set-UMService -Identity <Mailbox server> -UMStartupMode Dual; Restart-Service MSExchangeUM",
];

const rows: readonly Fix[] = [
  {
    code: "connection-refused",
    problem: "Nothing listens on that address and port: the server's UMStartupMode does not open that listener, or its service is stopped.",
    action:
      "A secured dial plan needs the TLS listener (5061 on the Call Router, 5063 on the UM service): set UMStartupMode to Dual (or TLS) on every " +
      "Client Access and Mailbox server and restart the UM services; an Unsecured dial plan needs the TCP listener (TCP or Dual). Start a stopped service.",
    commands: STARTUP_MODE,
    source: 'PROTOCOL.md §1 "UMStartupMode" [DOC]; §7 "A stopped Call Router or UM service refuses connections" [OBS][INF]',
  },
  {
    code: "connection-timeout",
    problem: "The TCP connection or the TLS handshake did not complete in time: the server is down, black-holed by a firewall, or overloaded.",
    action: "Check that the server is up and that a firewall passes TCP 5060–5068 (Exchange UM) and 5061/5070 (Lync/SfB) between the two sides.",
    commands: ["Test-NetConnection <server FQDN> -Port 5061", "Get-Service MSExchangeUM*"],
    source: 'PROTOCOL.md §1 "Who talks to whom" [DOC]; §7 "Failover" (TCP connect timeout 4 s) [3P]',
  },
  {
    code: "connection-reset",
    problem: "The server closed the connection without a SIP answer: Exchange aborts the TLS handshake of a peer whose certificate it does not trust.",
    action:
      "Make both sides chain to the same root CA and give each a certificate from it; the server's Application log shows the event (1649 Call Router, 1113 UM service).",
    commands: ["Get-EventLog Application -Source MSExchange* -Newest 50 | Where-Object EventID -in 1649,1113"],
    source: 'PROTOCOL.md §5 "TLS itself fails (untrusted CA, expired, revoked, unusable): no SIP response at all" [OBS]',
  },
  {
    code: "connection-failed",
    problem: "The TCP connection could not be made (network unreachable, address not available).",
    action: "Check the route and the address the server's name resolves to.",
    commands: ["Resolve-DnsName <server FQDN>", "Test-NetConnection <server FQDN> -Port 5061"],
    source: 'PROTOCOL.md §1 "Who talks to whom" [DOC]',
  },
  {
    code: "name-not-resolved",
    problem: "The server's name does not resolve to an address.",
    action: "Create (or correct) the DNS A record of the server; in a site failover, point the A records as the runbook says.",
    commands: ["Add-DnsServerResourceRecordA -ZoneName <zone> -Name <host> -IPv4Address <address>"],
    source: 'PROTOCOL.md §7 "Seed example 1" (A records pointed at the other datacenter) [DOC, seed]',
  },
  {
    code: "aborted",
    problem: "The harness cancelled the attempt (interrupt or time limit); it says nothing about the server.",
    action: "Run the scenario again.",
    commands: [],
    source: "DESIGN.md §9 (an interrupted run still writes what it has)",
  },
  {
    code: "tls-client-cert-rejected",
    problem: "The server did not accept our client certificate (or its absence): mutual TLS failed.",
    action:
      "Exchange UM and Lync/SfB must chain to the same root CA: issue the calling server's certificate from a CA the Exchange servers trust (never " +
      "Exchange's self-signed default) and import that root into their Trusted Root store.",
    commands: [
      "Request-CsCertificate -New -Type Default -CA <issuing CA> -DomainName <pool FQDN>   # Lync/SfB side",
      "Set-CsCertificate -Type Default -Thumbprint <thumbprint>",
      "Import-Certificate -FilePath <root CA .cer> -CertStoreLocation Cert:\\LocalMachine\\Root   # Exchange side",
    ],
    source: 'PROTOCOL.md §5 "Certificates and who is trusted": "the UM and Lync servers must chain to the same root CA" [DOC, seed]',
  },
  {
    code: "tls-protocol-version",
    problem: "The two sides share no TLS version.",
    action: "Enable TLS 1.2 on Exchange and on the Lync/SfB servers (Schannel and .NET strong crypto), then restart the UM and Lync services.",
    commands: ["New-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319' -Name SchUseStrongCrypto -Value 1 -PropertyType DWord"],
    source: 'PROTOCOL.md §5 "How trust is decided" (TLS 1.2 and 1.3 behaviour) [OBS]',
  },
  {
    code: "tls-untrusted-server",
    problem: "The server presented a certificate we do not trust: self-signed, expired, not yet valid, or from another CA.",
    action:
      "Re-issue the server's certificate from the CA both sides trust (Exchange's self-signed default cannot be used with Lync) and assign it to the UM " +
      "services; renew an expired one.",
    commands: CERTIFICATE_REISSUE,
    source: 'PROTOCOL.md §5: "Exchange\'s self-signed default certificate cannot be used with Lync"; same root CA [DOC, seed]',
  },
  {
    code: "tls-name-mismatch",
    problem: "The server's certificate does not name the server: its FQDN is in neither the Subject Name nor the SAN list.",
    action:
      "Re-issue the certificate with the server's FQDN as the Subject Name (\"Issued to\") and in the SAN list; a wildcard is allowed only in the SAN. For " +
      "redundant UM across datacenters, put a wildcard SAN or every server FQDN in the SAN.",
    commands: CERTIFICATE_REISSUE,
    source: 'PROTOCOL.md §5: "A wildcard in the Subject Name is not supported … a wildcard in the SAN is"; §7 seed example 1 [DOC, seed]',
  },
  {
    code: "tls-handshake-failed",
    problem: "The TLS handshake failed for another reason (see the OpenSSL code in the evidence).",
    action: "Check the certificate's key usage and key size and the cipher suites both sides allow; lint the live certificate with exum certs lint <host:port>.",
    commands: ["exum certs lint <server FQDN>:5061"],
    source: 'PROTOCOL.md §5 "Certificates and who is trusted" [DOC, seed]',
  },
  {
    code: "dns-resolution-failed",
    problem: "The target's name did not resolve.",
    action: "Create (or correct) the server's DNS A record, or give the harness a --resolve entry for it.",
    commands: ["Resolve-DnsName <server FQDN>"],
    source: 'PROTOCOL.md §7 "Seed example 1" [DOC, seed]',
  },
  {
    code: "no-response",
    problem: "The request was sent and no final response came: the server or its worker process is hung, overloaded or dropping calls.",
    action: "Check the UM services and the Application log; Lync moves to the next UM server on a timeout (MS-EUMR), so make sure the dial plan has more than one.",
    commands: ["Get-Service MSExchangeUM*", "Get-UMDialPlan <dial plan> | Format-List UMServers"],
    source: 'PROTOCOL.md §7 "Failover": MS-EUMR moves on "on any failure response or timer expiry" [DOC]',
  },
  {
    code: "connection-lost",
    problem: "The connection closed before a final response, without a TLS alert.",
    action: "Look for the server's TLS events (1649, 1113) and for a crash of the UM worker process.",
    commands: ["Get-EventLog Application -Source MSExchange* -Newest 50"],
    source: 'PROTOCOL.md §5 "TLS itself fails … the handshake is aborted (TLS alert or close)" [OBS]',
  },
  {
    code: "peer-garbage",
    problem: "The server sent bytes that are not SIP.",
    action: "Something other than a SIP server listens on that port (or a proxy in between mangles the stream): check the port and what listens on it.",
    commands: ["Get-NetTCPConnection -LocalPort <port> -State Listen"],
    source: 'PROTOCOL.md §1 "Who talks to whom" (the ports of each role) [DOC]',
  },
  {
    code: "redirect-loop",
    problem: "A 302 pointed back at a server already tried: the redirect chain goes round in circles.",
    action: "Check the DNS A records of the Mailbox servers (seed example 1) and that each Mailbox server hosting the user's database is up.",
    commands: ["Resolve-DnsName <Mailbox server FQDN>", "Get-MailboxDatabaseCopyStatus <database>"],
    source: 'PROTOCOL.md §1 "The redirect chain" [OBS]; §7 seed example 1 [DOC, seed]',
  },
  {
    code: "too-many-redirects",
    problem: "The redirect chain was longer than Exchange's (Call Router → UM service → worker).",
    action: "Check for a proxy or SBC that adds redirects, and the A records of the Mailbox servers.",
    commands: [],
    source: 'PROTOCOL.md §1 "The redirect chain" [OBS]',
  },
  {
    code: "redirect-without-contact",
    problem: "A 3xx carried no usable sip:/sips: Contact.",
    action: "The redirecting server is misbehaving: check its version and any SBC in between.",
    commands: [],
    source: 'PROTOCOL.md §1 "The redirect chain" (the Contact of the 302) [OBS]',
  },
  {
    code: "unauthorized-gateway",
    problem:
      "Exchange rejected the call with 403 UnAuthorizedGateway: the caller's certificate names no UM IP gateway, or that gateway is disabled (event 1442).",
    action:
      "Create the UM IP gateway for the pool with the pool FQDN the certificate carries (ExchUcUtil.ps1 does it: one gateway per pool, one hunt group " +
      "per SIP URI dial plan), correct its address, or enable it.",
    commands: [
      "& $exscripts\\ExchUcUtil.ps1",
      "Set-UMIPGateway -Identity <gateway> -Address <pool FQDN>",
      "Enable-UMIPGateway -Identity <gateway>",
    ],
    source: 'PROTOCOL.md §5: "TLS succeeds but the certificate names no configured UM IP gateway: 403"; "A disabled gateway is rejected too" [OBS]; ExchUcUtil.ps1 [DOC]',
  },
  {
    code: "security-parity",
    problem:
      "The Call Router rejected the call with 403 IncorrectHuntGroup: a TLS call into an Unsecured dial plan, or a TCP call into a SIP secured or Secured one.",
    action: "Lync always connects with mutual TLS: make the dial plan Secured (recommended) or SIP secured. A gateway on a secured dial plan needs TLS and a trusted certificate.",
    commands: ["Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured"],
    source: 'PROTOCOL.md §2 "Security parity" [OBS]; §2 "The compatibility matrix" (Unsecured row) [DOC]',
  },
  {
    code: "rejected",
    problem: "The server answered with a failure response the harness does not classify more precisely; its ms-diagnostics reason names the cause.",
    action: "Read the status and the ms-diagnostics(-public) reason in the evidence.",
    commands: [],
    source: 'PROTOCOL.md §4 "Diagnostics on the wire" [OBS]',
    byReason: {
      DialPlanNotFound: {
        action: "No hunt group of the calling UM IP gateway reaches the dial plan: run ExchUcUtil.ps1 again (one hunt group per SIP URI dial plan, pilot = first label of the PhoneContext).",
        commands: ["& $exscripts\\ExchUcUtil.ps1", "New-UMHuntGroup -Name <dial plan> -UMIPGateway <gateway> -UMDialPlan <dial plan> -PilotIdentifier <first label of PhoneContext>"],
      },
      DialPlanNotLinked: {
        action: "Every Client Access and Mailbox server must be added to every SIP URI dial plan, or it will not answer.",
        commands: ["Set-UMCallRouterSettings -Server <Client Access server> -DialPlans <dial plan>", "Set-UMService -Identity <Mailbox server> -DialPlans <dial plan>"],
      },
      IncorrectHuntGroup: {
        action: "The call's transport does not match the dial plan's VoIPSecurity, or its pilot matches no hunt group: make the dial plan Secured and check the hunt groups.",
        commands: ["Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured", "Get-UMHuntGroup | Format-Table Name,PilotIdentifier,UMDialPlan"],
      },
      MailboxIsNotUMEnabled: { action: "The user's mailbox is not UM-enabled.", commands: ["Enable-UMMailbox -Identity <user> -UMMailboxPolicy <policy> -SIPResourceIdentifier <sip address>"] },
      CouldNotFindUserBySipUri: {
        action: "No UM-enabled user has that SIP address: UM-enable the user with the SIP address Lync uses.",
        commands: ["Enable-UMMailbox -Identity <user> -UMMailboxPolicy <policy> -SIPResourceIdentifier <sip address>"],
      },
      InvalidDiversionFormat: { action: "A call answering (voice mail) call must carry a Diversion (or History-Info): check the pool's or SBC's routing of voice mail.", commands: [] },
      UnAuthorizedGateway: {
        action: "Create or correct the UM IP gateway that carries the caller's FQDN, or enable it.",
        commands: ["& $exscripts\\ExchUcUtil.ps1", "Enable-UMIPGateway -Identity <gateway>"],
      },
      MaxCallsReached: { action: "The UM server is at its call limit: add UM servers to the dial plan or raise MaxCallsAllowed.", commands: ["Set-UMService -Identity <Mailbox server> -MaxCallsAllowed <n>"] },
      UnsupportedRequest: { action: '"TLS connection required.": make the caller connect over TLS (5061), as the dial plan is secured.', commands: [] },
    },
  },
  {
    code: "interrupted",
    problem: "The run was interrupted before the probe finished; it says nothing about the server.",
    action: "Run the scenario again.",
    commands: [],
    source: "DESIGN.md §9 (an interrupted run still writes what it has)",
  },
  {
    code: "bye-failed",
    problem: "The call was answered but our BYE got no 2xx.",
    action: "Check the UM worker process's health and the Application log; usually harmless for the call itself.",
    commands: [],
    source: 'PROTOCOL.md §1 "The redirect chain" (the worker answers the call) [DOC]',
  },
  {
    code: "incompatible-security-setting",
    problem:
      'The dial plan is SIP secured (RTP only) while the caller requires encryption: mutual TLS comes up, the call fails with "Incompatible security setting".',
    action:
      "Make the dial plan Secured (the recommended setting), or let the pool (or the Mediation Server's trunk) use SRTP only when it can be negotiated.",
    commands: [
      "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured",
      "Set-CsMediaConfiguration -Identity Global -EncryptionLevel SupportEncryption",
      "Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Optional   # a Mediation Server trunk",
    ],
    source: 'PROTOCOL.md §3 "Incompatible security setting" [DOC, seed]; §2 "The compatibility matrix"; seed Lync Phone Edition table',
  },
  {
    code: "srtp-required-by-peer",
    problem: "The dial plan is Secured (Exchange requires SRTP) while the caller offered RTP only (DoNotSupportEncryption / SRTPMode NotSupported).",
    action: "Let the pool (or trunk) encrypt media, or, if media must stay in clear, make the dial plan SIP secured.",
    commands: [
      "Set-CsMediaConfiguration -Identity Global -EncryptionLevel SupportEncryption",
      "Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Optional",
      "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity SIPSecured",
    ],
    source: 'PROTOCOL.md §2 "The compatibility matrix": "fails: Exchange requires SRTP" [DOC]; seed Lync Phone Edition table (no encryption ↔ SIP secured)',
  },
  {
    code: "offer-not-acceptable",
    problem: "The server refused the audio although we allowed both RTP and SRTP: no common codec, or a peer that ignores a=crypto in RTP/AVP.",
    action: "Check the codecs both sides allow and whether an SBC in between rewrites the SDP.",
    commands: [],
    source: 'PROTOCOL.md §2 "How SRTP shows in SDP" (Optional SRTP is RTP/AVP with a=crypto) [DOC MS-SDPEXT]',
  },
  {
    code: "answer-invalid",
    problem: "The SDP answer breaks offer/answer (a crypto tag or suite we did not offer, RTP/SAVP without a=crypto …).",
    action: "The answering side (or an SBC rewriting SDP) is at fault: capture the exchange (--keylog) and raise it with its vendor.",
    commands: [],
    source: 'PROTOCOL.md §2 "How SRTP shows in SDP" [DOC MS-SDPEXT, RFC 4568]',
  },
  {
    code: "no-answer-sdp",
    problem: "The server answered the call (2xx) without an SDP answer.",
    action: "The answering side (or an SBC) is at fault: capture the exchange and raise it with its vendor.",
    commands: [],
    source: 'PROTOCOL.md §1 "The redirect chain": the worker "answers the call: 200 OK + SDP" [DOC]',
  },
  {
    code: "all-servers-failed",
    problem: "Every UM server of the dial plan was tried and none answered (MS-EUMR: Lync then ends the call with 480).",
    action:
      "Bring a UM server of the dial plan back, and make sure every Client Access and Mailbox server is in every SIP URI dial plan; for datacenter failover follow seed " +
      "example 1 (point the A records) or 2 (enable the standby servers).",
    commands: [
      "Set-UMService -Identity <Mailbox server> -DialPlans <dial plan>",
      "Set-UMCallRouterSettings -Server <Client Access server> -DialPlans <dial plan>",
      "Enable-UMService -Identity <Exchange 2010 UM server>   # seed example 2",
    ],
    source: 'PROTOCOL.md §7 "Failover" (MS-EUMR) [DOC]; §5 "Every Client Access and Mailbox server must be added to every SIP URI dial plan" [DOC, seed]',
  },
];

/** Every fix, by failure code. */
export const FIXES: Readonly<Record<string, Fix>> = Object.fromEntries(rows.map((row) => [row.code, row]));

/** What to do about a failure code, the action and commands sharpened by an ms-diagnostics reason when known; null for an unknown code. */
export function fixFor(code: string | null | undefined, reason: string | null = null): Fix | null {
  if (code === null || code === undefined) return null;
  const fix = FIXES[code];
  if (fix === undefined) return null;
  const variant = reason === null ? undefined : fix.byReason?.[reason];
  return variant === undefined ? fix : { ...fix, action: variant.action, commands: variant.commands };
}
