import type { FailureDefinition } from "./failure-definition.js";

/** Failures of media negotiation, as seen from the offering side (decided by harness/sdp). */
export const MEDIA_FAILURES = {
  "incompatible-security-setting": {
    layer: "media",
    meaning: "we required SRTP and the peer does not support it: 488/606, a rejected stream, or an RTP/AVP answer without a=crypto",
    exitClass: "failed",
    fix: {
      problem: "The dial plan is SIP secured (RTP only) while the caller requires encryption: mutual TLS comes up, the call fails with \"Incompatible security setting\".",
      action: "Make the dial plan Secured (the recommended setting), or let the pool (or the Mediation Server's trunk) use SRTP only when it can be negotiated.",
      commands: [
        "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity Secured",
        "Set-CsMediaConfiguration -Identity Global -EncryptionLevel SupportEncryption",
        "Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Optional   # a Mediation Server trunk"
      ],
      source: "docs/protocol.md §3 \"Incompatible security setting\" [DOC, seed]; §2 \"The compatibility matrix\"; seed Lync Phone Edition table",
    },
  },
  "fax-not-supported": {
    layer: "media",
    meaning: "we offered fax only (T.38: m=image udptl t38) and the peer refused it (415, 488 or 606): faxing is not supported on this path",
    exitClass: "failed",
    fix: {
      problem: "Users on a SIP URI dial plan cannot receive faxes: faxing is not supported through a Mediation Server.",
      action:
        "Send faxes to a fax server or fax partner service instead of Exchange UM through Lync/SfB (Exchange 2013 and later have no built-in fax; a UM mailbox policy can name a fax partner), or route the fax number from the gateway straight to that service.",
      commands: ["Set-UMMailboxPolicy -Identity <policy> -FaxServerURI 'sip:<fax partner FQDN>:<port>;transport=tls'   # a fax partner"],
      source: "docs/protocol.md §8 \"Request shapes\": \"faxing is not supported through a Mediation Server\" [DOC, seed]",
    },
  },
  "srtp-required-by-peer": {
    layer: "media",
    meaning: "we offered RTP only and the peer insists on SRTP: 488/606, a rejected stream, or an RTP/SAVP answer",
    exitClass: "failed",
    fix: {
      problem: "The dial plan is Secured (Exchange requires SRTP) while the caller offered RTP only (DoNotSupportEncryption / SRTPMode NotSupported).",
      action: "Let the pool (or trunk) encrypt media, or, if media must stay in clear, make the dial plan SIP secured.",
      commands: [
        "Set-CsMediaConfiguration -Identity Global -EncryptionLevel SupportEncryption",
        "Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Optional",
        "Set-UMDialPlan -Identity <dial plan> -VoIPSecurity SIPSecured"
      ],
      source: "docs/protocol.md §2 \"The compatibility matrix\": \"fails: Exchange requires SRTP\" [DOC]; seed Lync Phone Edition table (no encryption ↔ SIP secured)",
    },
  },
  "offer-not-acceptable": {
    layer: "media",
    meaning: "we allowed both RTP and SRTP and the peer still refused the audio (488/606 or port 0): codecs, or a peer that ignores a=crypto in RTP/AVP",
    exitClass: "failed",
    fix: {
      problem: "The server refused the audio although we allowed both RTP and SRTP: no common codec, or a peer that ignores a=crypto in RTP/AVP.",
      action: "Check the codecs both sides allow and whether an SBC in between rewrites the SDP.",
      commands: [],
      source: "docs/protocol.md §2 \"How SRTP shows in SDP\" (Optional SRTP is RTP/AVP with a=crypto) [DOC MS-SDPEXT]",
    },
  },
  "answer-invalid": {
    layer: "media",
    meaning: "the answer breaks offer/answer: a crypto tag or suite we did not offer, RTP/SAVP without a=crypto, more than one or a malformed a=crypto, a=crypto in RTP/AVP, or no matching audio m= line",
    exitClass: "failed",
    fix: {
      problem: "The SDP answer breaks offer/answer (a crypto tag or suite we did not offer, RTP/SAVP without a=crypto …).",
      action: "The answering side (or an SBC rewriting SDP) is at fault: capture the exchange (--keylog) and raise it with its vendor.",
      commands: [],
      source: "docs/protocol.md §2 \"How SRTP shows in SDP\" [DOC MS-SDPEXT, RFC 4568]",
    },
  },
  "no-answer-sdp": {
    layer: "media",
    meaning: "the peer accepted the call (2xx) without an SDP answer",
    exitClass: "failed",
    fix: {
      problem: "The server answered the call (2xx) without an SDP answer.",
      action: "The answering side (or an SBC) is at fault: capture the exchange and raise it with its vendor.",
      commands: [],
      source: "docs/protocol.md §1 \"The redirect chain\": the worker \"answers the call: 200 OK + SDP\" [DOC]",
    },
  },
} as const satisfies Readonly<Record<string, FailureDefinition>>;
