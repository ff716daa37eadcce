import type { FailureDefinition } from "./failure-definition.js";

/** Failures of a connection attempt: TCP connect, name resolution and the TLS handshake (decided by harness/tls). */
export const CONNECTION_FAILURES = {
  "connection-refused": {
    layer: "connection",
    meaning: "The peer refused the TCP connection (nothing listens on that address and port).",
    exitClass: "failed",
    fix: {
      problem: "Nothing listens on that address and port: the server's UMStartupMode does not open that listener, or its service is stopped.",
      action: "A secured dial plan needs the TLS listener (5061 on the Call Router, 5063 on the UM service): set UMStartupMode to Dual (or TLS) on every Client Access and Mailbox server and restart the UM services; an Unsecured dial plan needs the TCP listener (TCP or Dual). Start a stopped service.",
      commands: [
        "Set-UMCallRouterSettings -Server <Client Access server> -UMStartupMode Dual; Restart-Service MSExchangeUMCR",
        "Set-UMService -Identity <Mailbox server> -UMStartupMode Dual; Restart-Service MSExchangeUM"
      ],
      source: "docs/protocol.md §1 \"UMStartupMode\" [DOC]; §7 \"A stopped Call Router or UM service refuses connections\" [OBS][INF]",
    },
  },
  "connection-timeout": {
    layer: "connection",
    meaning: "The TCP connect or the TLS handshake did not finish within our timeout.",
    exitClass: "failed",
    fix: {
      problem: "The TCP connection or the TLS handshake did not complete in time: the server is down, black-holed by a firewall, or overloaded.",
      action: "Check that the server is up and that a firewall passes TCP 5060–5068 (Exchange UM) and 5061/5070 (Lync/SfB) between the two sides.",
      commands: [
        "Test-NetConnection <server FQDN> -Port 5061",
        "Get-Service MSExchangeUM*"
      ],
      source: "docs/protocol.md §1 \"Who talks to whom\" [DOC]; §7 \"Failover\" (TCP connect timeout 4 s) [3P]",
    },
  },
  "connection-reset": {
    layer: "connection",
    meaning: "The peer reset or closed the connection without a TLS alert.",
    exitClass: "failed",
    fix: {
      problem: "The server closed the connection without a SIP answer: Exchange aborts the TLS handshake of a peer whose certificate it does not trust.",
      action: "Make both sides chain to the same root CA and give each a certificate from it; the server's Application log shows the event (1649 Call Router, 1113 UM service).",
      commands: [
        "Get-EventLog Application -Source MSExchange* -Newest 50 | Where-Object EventID -in 1649,1113"
      ],
      source: "docs/protocol.md §5 \"TLS itself fails (untrusted CA, expired, revoked, unusable): no SIP response at all\" [OBS]",
    },
  },
  "connection-failed": {
    layer: "connection",
    meaning: "The TCP connection could not be made for another reason (unreachable, address not available).",
    exitClass: "failed",
    fix: {
      problem: "The TCP connection could not be made (network unreachable, address not available).",
      action: "Check the route and the address the server's name resolves to.",
      commands: [
        "Resolve-DnsName <server FQDN>",
        "Test-NetConnection <server FQDN> -Port 5061"
      ],
      source: "docs/protocol.md §1 \"Who talks to whom\" [DOC]",
    },
  },
  "name-not-resolved": {
    layer: "connection",
    meaning: "The target's host name did not resolve to an address (no --resolve entry, no DNS answer).",
    exitClass: "failed",
    fix: {
      problem: "The server's name does not resolve to an address.",
      action: "Create (or correct) the DNS A record of the server, or give the harness a --resolve entry for it; in a site failover, point the A records as the runbook says.",
      commands: [
        "Resolve-DnsName <server FQDN>",
        "Add-DnsServerResourceRecordA -ZoneName <zone> -Name <host> -IPv4Address <address>"
      ],
      source: "docs/protocol.md §7 \"Seed example 1\" (A records pointed at the other datacenter) [DOC, seed]",
    },
  },
  "aborted": {
    layer: "connection",
    meaning: "We cancelled the attempt (Ctrl-C, SIGTERM or the caller's signal) before it finished; says nothing about the peer.",
    exitClass: "interrupted",
    fix: {
      problem: "The harness cancelled the attempt (interrupt or time limit); it says nothing about the server.",
      action: "Run the scenario again.",
      commands: [],
      source: "docs/design.md §9 (an interrupted run still writes what it has)",
    },
  },
  "tls-client-cert-rejected": {
    layer: "connection",
    meaning: "The server rejected our client certificate, or its absence (TLS alert 40, 42–46, 48 or 116).",
    exitClass: "failed",
    fix: {
      problem: "The server did not accept our client certificate (or its absence): mutual TLS failed.",
      action: "Exchange UM and Lync/SfB must chain to the same root CA: issue the calling server's certificate from a CA the Exchange servers trust (never Exchange's self-signed default) and import that root into their Trusted Root store.",
      commands: [
        "Request-CsCertificate -New -Type Default -CA <issuing CA> -DomainName <pool FQDN>   # Lync/SfB side",
        "Set-CsCertificate -Type Default -Thumbprint <thumbprint>",
        "Import-Certificate -FilePath <root CA .cer> -CertStoreLocation Cert:\\LocalMachine\\Root   # Exchange side"
      ],
      source: "docs/protocol.md §5 \"Certificates and who is trusted\": \"the UM and Lync servers must chain to the same root CA\" [DOC, seed]",
    },
  },
  "tls-client-ca-not-listed": {
    layer: "connection",
    meaning:
      "The server's CertificateRequest named CAs, none of which issued our certificate (a list Windows Schannel truncated past 16 KB), and the server then refused us.",
    exitClass: "failed",
    fix: {
      problem:
        "The server trusts so many root CAs that Schannel cut the list of CA names it sends (Schannel event 36885): a Lync or Exchange peer finds no certificate the list names and sends none.",
      action:
        "On the server that asks (the Exchange UM or Lync/SfB server), remove the root CAs it does not need from the Trusted Root store until the list fits in 16 KB, or make Schannel send no list at all (SendTrustedIssuerList = 0), then restart the UM or Lync services.",
      commands: [
        "Get-ChildItem Cert:\\LocalMachine\\Root | Measure-Object   # how many roots the server trusts",
        "New-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL' -Name SendTrustedIssuerList -Value 0 -PropertyType DWord",
      ],
      source: "docs/protocol.md §5 \"The CertificateRequest's CA list\" (KB 2464556, KB 933430, KB 2880390) [KB]",
    },
  },
  "tls-protocol-version": {
    layer: "connection",
    meaning: "No TLS version both sides accept (alert 70, or our side refused the server's version).",
    exitClass: "failed",
    fix: {
      problem: "The two sides share no TLS version.",
      action: "Enable TLS 1.2 on Exchange and on the Lync/SfB servers (Schannel and .NET strong crypto), then restart the UM and Lync services.",
      commands: [
        "New-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319' -Name SchUseStrongCrypto -Value 1 -PropertyType DWord"
      ],
      source: "docs/protocol.md §5 \"How trust is decided\" (TLS 1.2 and 1.3 behaviour) [OBS]",
    },
  },
  "tls-untrusted-server": {
    layer: "connection",
    meaning: "The server's certificate chain does not lead to a CA we trust (expired, self-signed, unknown issuer …).",
    exitClass: "failed",
    fix: {
      problem: "The server presented a certificate we do not trust: self-signed, expired, not yet valid, or from another CA.",
      action: "Re-issue the server's certificate from the CA both sides trust (Exchange's self-signed default cannot be used with Lync) and assign it to the UM services; renew an expired one.",
      commands: [
        "New-ExchangeCertificate -GenerateRequest -SubjectName \"CN=<server FQDN>\" -DomainName <server FQDN>,<other server FQDNs> -PrivateKeyExportable $true",
        "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('<issued .cer>'))",
        "Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services UM   # Mailbox; -Services UMCallRouter on a Client Access server"
      ],
      source: "docs/protocol.md §5: \"Exchange's self-signed default certificate cannot be used with Lync\"; same root CA [DOC, seed]",
    },
  },
  "tls-name-mismatch": {
    layer: "connection",
    meaning: "The server's certificate does not name the host we asked for (Subject CN or SAN).",
    exitClass: "failed",
    fix: {
      problem: "The server's certificate does not name the server: its FQDN is in neither the Subject Name nor the SAN list.",
      action: "Re-issue the certificate with the server's FQDN as the Subject Name (\"Issued to\") and in the SAN list; a wildcard is allowed only in the SAN. For redundant UM across datacenters, put a wildcard SAN or every server FQDN in the SAN.",
      commands: [
        "New-ExchangeCertificate -GenerateRequest -SubjectName \"CN=<server FQDN>\" -DomainName <server FQDN>,<other server FQDNs> -PrivateKeyExportable $true",
        "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes('<issued .cer>'))",
        "Enable-ExchangeCertificate -Thumbprint <thumbprint> -Services UM   # Mailbox; -Services UMCallRouter on a Client Access server"
      ],
      source: "docs/protocol.md §5: \"A wildcard in the Subject Name is not supported … a wildcard in the SAN is\"; §7 seed example 1 [DOC, seed]",
    },
  },
  "tls-handshake-failed": {
    layer: "connection",
    meaning: "The TLS handshake failed for another reason; the raw OpenSSL code is kept.",
    exitClass: "failed",
    fix: {
      problem: "The TLS handshake failed for another reason (see the OpenSSL code in the evidence).",
      action: "Check the certificate's key usage and key size and the cipher suites both sides allow; lint the live certificate with exum certs lint <host:port>.",
      commands: [
        "exum certs lint <server FQDN>:5061"
      ],
      source: "docs/protocol.md §5 \"Certificates and who is trusted\" [DOC, seed]",
    },
  },
  "tls-unreadable-certificate": {
    layer: "connection",
    meaning: "The server sent a certificate that cannot be parsed as X.509; the chain is kept up to it.",
    exitClass: "failed",
    fix: {
      problem: "The server's certificate chain holds a certificate that is not valid DER/X.509.",
      action: "Re-import the certificate (with its chain) into the server's store and re-assign it to the SIP service (Enable-ExchangeCertificate -Services UM,UMCallRouter, or Set-CsCertificate on Lync/SfB); then lint it live.",
      commands: [
        "exum certs lint <server FQDN>:5061"
      ],
      source: "docs/protocol.md §5 \"Certificates and who is trusted\" [DOC]",
    },
  },
} as const satisfies Readonly<Record<string, FailureDefinition>>;
