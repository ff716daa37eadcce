import { inputError } from "../errors/harness-error.js";
import { OFFER_CODECS } from "./audio-codecs.js";
import { createCryptoAttribute, type CryptoAttribute } from "./crypto-attribute.js";
import { localEndpoint, type LocalEndpointOptions } from "./local-endpoint.js";
import { MEDIA_POLICIES, type MediaPolicy } from "./media-policy.js";
import { assertSrtpKey, randomSrtpKey } from "./srtp-key.js";
import { MICROSOFT_SRTP_SUITE } from "./srtp-suites.js";
import { writeSessionDescription } from "./write-session-description.js";

/** What {@link buildOffer} needs. */
export interface OfferOptions extends LocalEndpointOptions {
  /** What we ask of the peer: SRTP required, optional, or not offered at all. */
  policy: MediaPolicy;
  /**
   * Master key and salt for crypto tags 1 and 2, 40 base64 characters each (golden tests inject them).
   * Ignored when `policy` is `none`.
   * @defaultValue two fresh keys from node:crypto randomBytes(30)
   */
  keys?: readonly string[];
  /**
   * Offer the line with an MKI (tag 1). Off, only Lync's second line (tag 2, no MKI) is offered: for peers that accept
   * an MKI line and then ignore the MKI (baresip does; docs/peers.md). @defaultValue true
   */
  mki?: boolean;
}

/** An offer: its SDP text, the crypto lines it carries (empty for `none`) and the policy it was built for. */
export interface Offer {
  sdp: string;
  cryptos: CryptoAttribute[];
  policy: MediaPolicy;
}

/** docs/protocol.md §2: "Key parameters as Lync writes them: `inline:<40 base64 chars>|2^31|1:1`". */
const LIFETIME = "2^31";

/**
 * Builds an audio offer the way Lync/SfB writes one for a given media policy: PCMU/8000 (0) and
 * telephone-event/8000 (101, `a=fmtp:101 0-16`), `a=ptime:20`, `a=sendrecv`, CRLF line ends.
 *
 * docs/protocol.md §2 "How SRTP shows in SDP":
 * - "**Required** SRTP: the offer uses `RTP/SAVP` with `a=crypto`."
 * - "**Optional** SRTP: the offer uses `RTP/AVP` **with** `a=crypto` (a deliberate deviation from RFC 4568)."
 * - no SRTP: `RTP/AVP` and no `a=crypto`.
 */
export function buildOffer(options: OfferOptions): Offer {
  const endpoint = localEndpoint(options);
  const policy = options.policy;
  if (!MEDIA_POLICIES.includes(policy)) {
    throw inputError("EXUM_SDP_BAD_OPTION", `policy ${JSON.stringify(policy)} is not a media policy`, {
      field: "policy",
      hint: `use one of: ${MEDIA_POLICIES.join(", ")}`,
    });
  }
  const all = policy === "none" ? [] : offerCryptos(options.keys);
  const cryptos = options.mki === false ? all.filter((line) => line.mki === null) : all;
  const sdp = writeSessionDescription(endpoint, [
    {
      type: "audio",
      port: endpoint.port,
      protocol: policy === "required" ? "RTP/SAVP" : "RTP/AVP",
      formats: OFFER_CODECS.map((c) => String(c.payload)),
      codecs: OFFER_CODECS,
      cryptos,
      direction: "sendrecv",
      ptime: 20,
    },
  ]);
  return { sdp, cryptos, policy };
}

/**
 * docs/protocol.md §2: "`inline:<40 base64 chars>|2^31|1:1` (lifetime 2^31, MKI value 1 of length 1) and a second line
 * without MKI; the answerer picks one tag."
 */
function offerCryptos(keys: readonly string[] | undefined): CryptoAttribute[] {
  if (keys !== undefined && keys.length !== 2) {
    throw inputError("EXUM_SDP_BAD_KEY", `keys has ${keys.length} entries; an SRTP offer carries two crypto lines`, {
      field: "keys",
      hint: "give two keys (tags 1 and 2), or none to have them generated",
    });
  }
  const key1 = keys === undefined ? randomSrtpKey() : assertSrtpKey(keys[0], "keys[0]");
  const key2 = keys === undefined ? randomSrtpKey() : assertSrtpKey(keys[1], "keys[1]");
  return [
    createCryptoAttribute({ tag: 1, suite: MICROSOFT_SRTP_SUITE, key: key1, lifetime: LIFETIME, mki: { value: 1, length: 1 } }),
    createCryptoAttribute({ tag: 2, suite: MICROSOFT_SRTP_SUITE, key: key2, lifetime: LIFETIME }),
  ];
}
