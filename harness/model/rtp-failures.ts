import type { FailureDefinition } from "./failure-definition.js";

/**
 * Failures of the media itself, as seen on our RTP port during an answered call (decided by harness/media from the
 * packets, never from the SDP: docs/media.md §7). A call whose media failed is a failed call.
 */
export const RTP_FAILURES = {
  "no-media": {
    layer: "rtp",
    meaning: "the call was answered but not one RTP/SRTP packet arrived from the peer while it was up",
    exitClass: "failed",
    fix: {
      problem: "The call was set up, but the peer sent no media to the address our offer gave: callers would hear silence.",
      action: "Check that UDP media can flow between the caller and the UM server (firewalls, the UM server's RTP port range, the c= address in the answer) and that the UM worker process is healthy.",
      commands: [
        "Get-UMService | Format-List Name,Status,IPAddressFamily",
        "Get-EventLog -LogName Application -Source MSExchange*UM* -Newest 50   # on the UM server",
      ],
      source: "docs/media.md §5 (Exchange plays a greeting on every answered call) [DOC]; §7",
    },
  },
  "savp-in-name-only": {
    layer: "rtp",
    meaning: "SRTP was negotiated (RTP/SAVP with a=crypto) and the peer sent plain RTP: the packets parse as RTP and no tag verifies",
    exitClass: "failed",
    fix: {
      problem: "The SDP promised SRTP but the media is in the clear: anyone on the path can listen to the call, and a strict endpoint drops it.",
      action: "The sending side claims SRTP without doing it (a gateway or SBC with SRTP configured in SDP only): fix its media encryption setting, or negotiate RTP honestly (SIPSecured).",
      commands: ["Set-CsTrunkConfiguration -Identity <trunk> -SRTPMode Required   # once the gateway really encrypts"],
      source: "docs/media.md §3 (only the payload is encrypted, the RTP header stays readable); SIPp #510",
    },
  },
  "srtp-mki-mismatch": {
    layer: "rtp",
    meaning: "the peer's SRTP packets carry no MKI where its key has one, an MKI where its key has none, or another MKI value (RFC 3711 §3.1)",
    exitClass: "failed",
    fix: {
      problem: "Both sides agreed on an SRTP key but not on its MKI: every packet fails to authenticate although the key is right.",
      action: "Make the answering side write the MKI it uses in its a=crypto line (Lync writes |2^31|1:1 and a second line without MKI), or use the line without MKI.",
      commands: [],
      source: "docs/media.md §3 (MKI between payload and tag, a classic interop failure)",
    },
  },
  "srtp-auth-failed": {
    layer: "rtp",
    meaning: "SRTP packets arrived whose authentication tag does not verify with the key the answer gave (RFC 3711 §3.3)",
    exitClass: "failed",
    fix: {
      problem: "The peer encrypts media with a key other than the one it put in its SDP answer (or the packets were altered): a real endpoint drops them and the caller hears nothing.",
      action: "Find which device rewrites the SDP or the media (an SBC or media relay between the pool or Mediation Server and Exchange) and make it keep the SDES keys and the SRTP stream together.",
      commands: [],
      source: "docs/media.md §3 (SRTP, RFC 3711 §3.3, §4.2); §7",
    },
  },
  "media-from-unexpected-address": {
    layer: "rtp",
    meaning: "media arrived from an address or port other than the one the answer's c=/m= lines name",
    exitClass: "failed",
    fix: {
      problem: "The peer sends media from somewhere other than where its SDP says it receives: a device that checks sources drops it, and one-way audio follows.",
      action: "Look for NAT or a media relay that rewrites the source, or a multi-homed UM server sending from another interface.",
      commands: [],
      source: "docs/media.md §7 (RFC 3264 §6: the answer's c=/m= is where the peer receives; symmetric RTP, RFC 4961)",
    },
  },
  "one-way-media": {
    layer: "rtp",
    meaning: "the peer's media arrived, but ours did not reach it (its RTCP reports say it received none) or could not be sent",
    exitClass: "failed",
    fix: {
      problem: "Media flowed only towards us: the peer reports (RTCP) that none of our packets arrived, so it would hear silence.",
      action: "Check the return path for UDP media (a firewall or NAT that lets the UM server's packets out but not the caller's in) and the c= address in our offer.",
      commands: [],
      source: "docs/media.md §2 (RTCP receiver reports, RFC 3550 §6.4.1); §7",
    },
  },
  "media-stopped": {
    layer: "rtp",
    meaning: "the peer's media started, then stopped for good while the call was still up",
    exitClass: "failed",
    fix: {
      problem: "Media flowed at first and then stopped: callers hear the greeting cut off.",
      action: "Check the UM worker process (a recycle or crash drops its media) and any media timeout on the path.",
      commands: ["Get-EventLog -LogName Application -Source MSExchange*UM* -Newest 50   # on the UM server"],
      source: "docs/media.md §7",
    },
  },
} as const satisfies Readonly<Record<string, FailureDefinition>>;
