import { CALL_OFFERS } from "../model/call-offer.js";
import { ENCRYPTION_LEVELS } from "../model/encryption-level.js";
import { SRTP_MODES } from "../model/srtp-mode.js";
import type { CliCommand } from "./cli-command.js";
import { probeFlags, type ProbeFlags } from "./probe-flags.js";

export interface CallFlags extends ProbeFlags {
  encryption?: string;
  "srtp-mode"?: string;
  hold: number;
  "max-redirects": number;
  header?: string[];
  "allow-downgrade": boolean;
  dtmf?: string;
  "dtmf-at": number;
  "srtp-mki": boolean;
  offer: string;
}

export const callCommand: CliCommand<CallFlags> = {
  command: "call <target>",
  describe: "place one INVITE with an offer for an EncryptionLevel or SRTPMode, follow 302s, ACK, BYE; print the negotiated mode",
  builder: (yargs) =>
    probeFlags(yargs)
      .option("encryption", {
        type: "string",
        describe: `Lync media EncryptionLevel the offer is written for (${ENCRYPTION_LEVELS.join(", ")}); default RequireEncryption`,
      })
      .option("srtp-mode", { type: "string", describe: `trunk SRTPMode the offer is written for (${SRTP_MODES.join(", ")})` })
      .option("hold", { type: "number", default: 0, describe: "seconds to keep an answered call up before BYE" })
      .option("max-redirects", { type: "number", default: 5, describe: "redirects (3xx) followed at most" })
      .option("header", { type: "string", array: true, describe: "extra header on the INVITE, e.g. 'Diversion: <sip:alice@contoso.com>'" })
      .option("allow-downgrade", {
        type: "boolean",
        default: false,
        describe: "follow a redirect from a TLS hop to TCP: the INVITE and its SRTP keys then cross the network unencrypted (said in the result)",
      })
      .option("dtmf", { type: "string", describe: "RFC 4733 digits to send during the hold (0-9 * # A-D), e.g. 1001#1234# for a Subscriber Access logon" })
      .option("dtmf-at", { type: "number", default: 1, describe: "seconds after the answer at which the digits start" })
      .option("srtp-mki", {
        type: "boolean",
        default: true,
        describe: "offer Lync's SRTP line with an MKI (|2^31|1:1) beside the one without; --no-srtp-mki offers only the line without (for peers that ignore the MKI)",
      })
      .option("offer", {
        type: "string",
        default: "audio",
        describe: `what to offer: ${CALL_OFFERS.join(" or ")} (fax: T.38 only, m=image udptl t38; docs/protocol.md §8)`,
      })
      .example("$0 call sip:dp1.contoso.com@cas01.contoso.com --hold 6 --dtmf 1001#1234# …", "a Subscriber Access logon: media both ways for 6 s, extension and PIN as RFC 4733 digits")
      .example(
        "$0 call sip:alice@contoso.com;opaque=app:voicemail --resolve contoso.com:5061:10.0.0.5 --pfx pool.pfx --passphrase … --ca root.pem",
        "a voice-mail call as the pool, through Call Router → UM service → worker",
      ),
  run: async (flags, io) => (await import("./call-handler.js")).callHandler(flags, io),
};
