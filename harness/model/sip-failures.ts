import type { FailureDefinition } from "./failure-definition.js";

/** Failures of a SIP transaction or redirect chain (decided by harness/sip). */
export const SIP_FAILURES = {
  "no-response": {
    layer: "sip",
    meaning: "the request was sent and no final response came before the timeout",
    exitClass: "failed",
    fix: {
      problem: "The request was sent and no final response came: the server or its worker process is hung, overloaded or dropping calls.",
      action: "Check the UM services and the Application log; Lync moves to the next UM server on a timeout (MS-EUMR), so make sure the dial plan has more than one.",
      commands: [
        "Get-Service MSExchangeUM*",
        "Get-UMDialPlan <dial plan> | Format-List UMServers"
      ],
      source: "docs/protocol.md §7 \"Failover\": MS-EUMR moves on \"on any failure response or timer expiry\" [DOC]",
    },
  },
  "connection-lost": {
    layer: "sip",
    meaning: "the connection closed before a final response, with no TLS alert to explain it",
    exitClass: "failed",
    fix: {
      problem: "The connection closed before a final response, without a TLS alert.",
      action: "Look for the server's TLS events (1649, 1113) and for a crash of the UM worker process.",
      commands: [
        "Get-EventLog Application -Source MSExchange* -Newest 50"
      ],
      source: "docs/protocol.md §5 \"TLS itself fails … the handshake is aborted (TLS alert or close)\" [OBS]",
    },
  },
  "peer-garbage": {
    layer: "sip",
    meaning: "the peer sent bytes that are not SIP (framing failed); the connection was closed",
    exitClass: "failed",
    fix: {
      problem: "The server sent bytes that are not SIP.",
      action: "Something other than a SIP server listens on that port (or a proxy in between mangles the stream): check the port and what listens on it.",
      commands: [
        "Get-NetTCPConnection -LocalPort <port> -State Listen"
      ],
      source: "docs/protocol.md §1 \"Who talks to whom\" (the ports of each role) [DOC]",
    },
  },
  "redirect-loop": {
    layer: "sip",
    meaning: "a 3xx pointed back at a target already tried in this chain",
    exitClass: "failed",
    fix: {
      problem: "A 302 pointed back at a server already tried: the redirect chain goes round in circles.",
      action: "Check the DNS A records of the Mailbox servers (seed example 1) and that each Mailbox server hosting the user's database is up.",
      commands: [
        "Resolve-DnsName <Mailbox server FQDN>",
        "Get-MailboxDatabaseCopyStatus <database>"
      ],
      source: "docs/protocol.md §1 \"The redirect chain\" [OBS]; §7 seed example 1 [DOC, seed]",
    },
  },
  "redirect-downgrade": {
    layer: "sip",
    meaning: "a 3xx from a TLS hop pointed at a TCP target; the harness did not send the request (and its SRTP keys) in clear text",
    exitClass: "failed",
    fix: {
      problem: "A server reached over TLS redirected the call to plain TCP: the next INVITE, and any a=crypto keys in its SDP, would cross the network unencrypted.",
      action: "Make every hop of a secured call TLS: set the dial plan's VoIPSecurity to SIPSecured or Secured and the UM servers' UMStartupMode to TLS or Dual, then restart the UM services. Follow such a redirect only on purpose, with --allow-downgrade.",
      commands: [
        "Set-UMDialPlan <dial plan> -VoIPSecurity Secured",
        "Set-UMService <Mailbox server> -UMStartupMode Dual",
        "Set-UMCallRouterSettings -Server <Client Access server> -UMStartupMode Dual"
      ],
      source: "RFC 4568 §8.3 (SDES keys only over a secure hop); docs/protocol.md §1 \"The redirect chain\": after a TLS call, every hop is again mutual TLS [DOC]",
    },
  },
  "too-many-redirects": {
    layer: "sip",
    meaning: "the redirect chain was longer than the hop limit",
    exitClass: "failed",
    fix: {
      problem: "The redirect chain was longer than Exchange's (Call Router → UM service → worker).",
      action: "Check for a proxy or SBC that adds redirects, and the A records of the Mailbox servers.",
      commands: [],
      source: "docs/protocol.md §1 \"The redirect chain\" [OBS]",
    },
  },
  "redirect-without-contact": {
    layer: "sip",
    meaning: "a 3xx carried no usable sip:/sips: Contact",
    exitClass: "failed",
    fix: {
      problem: "A 3xx carried no usable sip:/sips: Contact.",
      action: "The redirecting server is misbehaving: check its version and any SBC in between.",
      commands: [],
      source: "docs/protocol.md §1 \"The redirect chain\" (the Contact of the 302) [OBS]",
    },
  },
  "unauthorized-gateway": {
    layer: "sip",
    meaning: "403 with ms-diagnostics(-public) reason UnAuthorizedGateway: our certificate names no UM IP gateway",
    exitClass: "failed",
    fix: {
      problem: "Exchange rejected the call with 403 UnAuthorizedGateway: the caller's certificate names no UM IP gateway, or that gateway is disabled (event 1442).",
      action: "Create the UM IP gateway for the pool with the pool FQDN the certificate carries (ExchUcUtil.ps1 does it: one gateway per pool, one hunt group per SIP URI dial plan), correct its address, or enable it.",
      commands: [
        "& $exscripts\\ExchUcUtil.ps1",
        "Set-UMIPGateway -Identity <gateway> -Address <pool FQDN>",
        "Enable-UMIPGateway -Identity <gateway>"
      ],
      source: "docs/protocol.md §5: \"TLS succeeds but the certificate names no configured UM IP gateway: 403\"; \"A disabled gateway is rejected too\" [OBS]; ExchUcUtil.ps1 [DOC]",
    },
  },
  "security-parity": {
    layer: "sip",
    meaning: "403 IncorrectHuntGroup: TLS into an Unsecured dial plan, or TCP into a secured one",
    exitClass: "failed",
    fix: {
      problem: "The Call Router rejected the call with 403 IncorrectHuntGroup: a TLS call into an Unsecured dial plan, or a TCP call into a SIP secured or Secured one.",
      action: "Lync always connects with mutual TLS: make the dial plan Secured (recommended) or SIP secured. A gateway on a secured dial plan needs TLS and a trusted certificate.",
      commands: [
        "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured"
      ],
      source: "docs/protocol.md §2 \"Security parity\" [OBS]; §2 \"The compatibility matrix\" (Unsecured row) [DOC]",
    },
  },
  "exum-user-not-readable": {
    layer: "sip",
    meaning: "the Front End pool's ExumRouting answered ms-diagnostics 15000: it could not read the user or contact object it was to route",
    exitClass: "failed",
    fix: {
      problem: "Lync's ExumRouting could not read the user properties publication for the user or contact object (ms-diagnostics 15000): the user is not enabled for Exchange UM, or the Auto Attendant / Subscriber Access number has no contact object on this pool (OcsUmUtil was not run, or the contact was moved).",
      action: "Enable the user for Exchange UM; create the contact objects for every Auto Attendant and Subscriber Access number with OcsUmUtil (or New-CsExUmContact) on the pool that routes the calls, and check where moved contacts are homed.",
      commands: [
        "Get-CsUser <user> | Format-List ExUmEnabled, LineURI, RegistrarPool",
        "Get-CsExUmContact | Format-List SipAddress, DisplayNumber, RegistrarPool",
        "OcsUmUtil.exe   # on a Front End server, in the Lync / SfB Server Support folder"
      ],
      source: "docs/protocol.md §10 \"ExumRouting failure\" (Microsoft support article) [KB]; §8 contact objects [DOC, seed]",
    },
  },
  "exum-routing-failed": {
    layer: "sip",
    meaning: "the Front End pool's ExumRouting refused or gave up on the call (ms-diagnostics 15000–15999 other than 15000, or 480 after every UM server failed)",
    exitClass: "failed",
    fix: {
      problem: "Lync's ExumRouting could not route the call to Exchange UM: no UM dial plan matches the user's (Exchange 2010: the Lync dial plan's name must be the UM dial plan's FQDN), or every UM server of the dial plan failed or timed out.",
      action: "With Exchange 2010 name the Lync dial plan after the UM dial plan's FQDN; check that the dial plan's UM servers run and answer (the 480 carries the last one's diagnostics).",
      commands: [
        "Get-UMDialPlan <dial plan> | Format-List PhoneContext, UMServers",
        "Get-CsDialPlan | Format-List Identity, SimpleName",
        "Test-CsExUMConnectivity -TargetFqdn <pool FQDN> -UserSipAddress <user>"
      ],
      source: "docs/protocol.md §7 \"Failover\" [DOC MS-EUMR]; §8 the Exchange 2010 dial plan name [DOC, seed]; §4 the 15000–15999 range [DOC]",
    },
  },
  "rejected": {
    layer: "sip",
    meaning: "the peer answered with a final failure response not classified more precisely",
    exitClass: "failed",
    fix: {
      problem: "The server answered with a failure response the harness does not classify more precisely; its ms-diagnostics reason names the cause.",
      action: "Read the status and the ms-diagnostics(-public) reason in the evidence.",
      commands: [],
      source: "docs/protocol.md §4 \"Diagnostics on the wire\" [OBS]",
      byReason: {
        DialPlanNotFound: {
          action: "No hunt group of the calling UM IP gateway reaches the dial plan: run ExchUcUtil.ps1 again (one hunt group per SIP URI dial plan, pilot = first label of the PhoneContext).",
          commands: [
            "& $exscripts\\ExchUcUtil.ps1",
            "New-UMHuntGroup -Name <dial plan> -UMIPGateway <gateway> -UMDialPlan <dial plan> -PilotIdentifier <first label of PhoneContext>"
          ],
        },
        DialPlanNotLinked: {
          action: "Every Client Access and Mailbox server must be added to every SIP URI dial plan, or it will not answer.",
          commands: [
            "Set-UMCallRouterSettings -Server <Client Access server> -DialPlans <dial plan>",
            "Set-UMService -Identity <Mailbox server> -DialPlans <dial plan>"
          ],
        },
        IncorrectHuntGroup: {
          action: "The call's transport does not match the dial plan's VoIPSecurity, or its pilot matches no hunt group: make the dial plan Secured and check the hunt groups.",
          commands: [
            "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured",
            "Get-UMHuntGroup | Format-Table Name,PilotIdentifier,UMDialPlan"
          ],
        },
        MailboxIsNotUMEnabled: {
          action: "The user's mailbox is not UM-enabled.",
          commands: [
            "Enable-UMMailbox -Identity <user> -UMMailboxPolicy <policy> -SIPResourceIdentifier <sip address>"
          ],
        },
        CouldNotFindUserBySipUri: {
          action: "No UM-enabled user has that SIP address: UM-enable the user with the SIP address Lync uses.",
          commands: [
            "Enable-UMMailbox -Identity <user> -UMMailboxPolicy <policy> -SIPResourceIdentifier <sip address>"
          ],
        },
        InvalidDiversionFormat: {
          action: "A call answering (voice mail) call must carry a Diversion (or History-Info): check the pool's or SBC's routing of voice mail.",
          commands: [],
        },
        UnAuthorizedGateway: {
          action: "Create or correct the UM IP gateway that carries the caller's FQDN, or enable it.",
          commands: [
            "& $exscripts\\ExchUcUtil.ps1",
            "Enable-UMIPGateway -Identity <gateway>"
          ],
        },
        MaxCallsReached: {
          action: "The UM server is at its call limit: add UM servers to the dial plan or raise MaxCallsAllowed.",
          commands: [
            "Set-UMService -Identity <Mailbox server> -MaxCallsAllowed <n>"
          ],
        },
        UnsupportedRequest: {
          action: "\"TLS connection required.\": make the caller connect over TLS (5061), as the dial plan is secured.",
          commands: [],
        },
      },
    },
  },
  "bye-failed": {
    layer: "sip",
    meaning: "the call was answered but our BYE got no 2xx",
    exitClass: "failed",
    fix: {
      problem: "The call was answered but our BYE got no 2xx.",
      action: "Check the UM worker process's health and the Application log; usually harmless for the call itself.",
      commands: [],
      source: "docs/protocol.md §1 \"The redirect chain\" (the worker answers the call) [DOC]",
    },
  },
  "peer-ended-call": {
    layer: "sip",
    meaning: "the peer ended the answered call (BYE or a dropped connection) before the hold was over",
    exitClass: "failed",
    fix: {
      problem: "The call was answered and then ended by the server before the caller hung up; the report names what the BYE said (Reason, ms-diagnostics).",
      action: "Read the BYE's Reason and ms-diagnostics: a media timeout (no RTP from the caller) points at the media path, a worker recycle at the UM server's health.",
      commands: ["Get-EventLog -LogName Application -Source MSExchange*UM* -Newest 50   # on the UM server"],
      source: "docs/media.md §7 (real peers hang up on a silent caller: baresip after 10 s)",
    },
  },
} as const satisfies Readonly<Record<string, FailureDefinition>>;
