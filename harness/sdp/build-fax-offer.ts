import { localEndpoint, type LocalEndpointOptions } from "./local-endpoint.js";
import type { ParsedSessionDescription } from "./session-description.js";

/**
 * The T.38 attributes of a fax offer (ITU-T T.38 Annex D, registered by RFC 3362 for `image/t38`): version 0, 14.4
 * kbit/s, TCF transferred end to end, the buffer and datagram sizes and the UDP error correction most gateways
 * write. The values do not decide anything here: a Mediation Server refuses the m=image line itself.
 */
const T38_ATTRIBUTES = [
  "T38FaxVersion:0",
  "T38MaxBitRate:14400",
  "T38FaxRateManagement:transferredTCF",
  "T38FaxMaxBuffer:262",
  "T38FaxMaxDatagram:176",
  "T38FaxUdpEC:t38UDPRedundancy",
];

/**
 * A fax offer as a gateway sends one after it detected fax tones: one `m=image <port> udptl t38` section (T.38 over
 * UDPTL, ITU-T T.38 Annex D; RFC 4566 §5.14 `<media> <port> <proto> <fmt>`), no audio. docs/protocol.md §8: "Users on
 * a SIP URI dial plan cannot receive faxes: faxing is not supported through a Mediation Server [DOC, seed]".
 */
export function buildFaxOffer(options: LocalEndpointOptions): string {
  const endpoint = localEndpoint(options);
  const ip = `IP${endpoint.ipVersion}`;
  return [
    "v=0",
    `o=${endpoint.userName} ${endpoint.sessionId} 0 IN ${ip} ${endpoint.address}`,
    "s=session",
    `c=IN ${ip} ${endpoint.address}`,
    "t=0 0",
    `m=image ${endpoint.port} udptl t38`,
    ...T38_ATTRIBUTES.map((attribute) => `a=${attribute}`),
    "",
  ].join("\r\n");
}

/** Whether a session description offers fax only: an `image` section over UDPTL (or RTP) with format t38, and no audio. */
export function isFaxOffer(description: ParsedSessionDescription): boolean {
  const live = description.media.filter((media) => media.port !== 0);
  return live.some((media) => media.type === "image" && media.formats.includes("t38")) && !live.some((media) => media.type === "audio");
}
