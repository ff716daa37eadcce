import t from "tap";
import { exchangeSecurityMode } from "./exchange-security-mode.js";

t.test("the Exchange name for signalling × media", async (t) => {
  const table = [
    ["tcp", "rtp", "Unsecured"],
    ["tls", "rtp", "SIPSecured"],
    ["mtls", "rtp", "SIPSecured"],
    ["tls", "srtp", "Secured"],
    ["mtls", "srtp", "Secured"],
    ["tcp", "srtp", null], // SDES keys in clear-text SIP: no dial plan setting produces it
    ["tcp", null, null],
    ["tls", null, null],
    ["mtls", null, null],
  ] as const;
  for (const [signaling, media, expected] of table) t.equal(exchangeSecurityMode(signaling, media), expected, `${signaling} + ${media}`);
});
