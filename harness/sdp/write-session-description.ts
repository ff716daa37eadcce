import { write, type MediaDescription, type SessionDescription } from "sdp-transform";
import type { CryptoAttribute } from "./crypto-attribute.js";
import type { LocalEndpoint } from "./local-endpoint.js";
import type { MediaDirection, RtpCodec } from "./session-description.js";

/** One m= section to write. A section with port 0 is written bare: m= line only (RFC 3264 §6 rejection). */
export interface MediaSpec {
  type: string;
  port: number;
  protocol: string;
  formats: string[];
  codecs: readonly RtpCodec[];
  cryptos: readonly CryptoAttribute[];
  direction: MediaDirection | null;
  ptime: number | null;
  /** `a=label:<value>` (RFC 4574), e.g. Exchange's `main-audio`; none when null or absent. */
  label?: string | null;
}

/** Session-level lines beyond the fixed ones. */
export interface SessionSpec {
  /** `b=CT:<kbps>` (RFC 4566 §5.8), e.g. Exchange's `b=CT:10000000`; none when null or absent. */
  bandwidthCt?: number | null;
}

/**
 * Writes a session description with sdp-transform: `v=0`, `o=`, `s=session`, a session-level `c=`, the optional
 * `b=CT:`, `t=0 0` and the m= sections. RFC 4566 §5: "The sequence CRLF (0x0d0a) is used to end a record"; sdp-transform writes CRLF.
 */
export function writeSessionDescription(endpoint: LocalEndpoint, media: readonly MediaSpec[], session: SessionSpec = {}): string {
  const description: SessionDescription = {
    version: 0,
    origin: {
      username: endpoint.userName,
      sessionId: endpoint.sessionId,
      sessionVersion: 0,
      netType: "IN",
      ipVer: endpoint.ipVersion,
      address: endpoint.address,
    },
    name: "session",
    connection: { version: endpoint.ipVersion, ip: endpoint.address },
    timing: { start: 0, stop: 0 },
    media: media.map(mediaDescription),
  };
  if (session.bandwidthCt !== undefined && session.bandwidthCt !== null) description.bandwidth = [{ type: "CT", limit: session.bandwidthCt }];
  return write(description);
}

function mediaDescription(spec: MediaSpec): MediaDescription {
  const m: MediaDescription = {
    type: spec.type,
    port: spec.port,
    protocol: spec.protocol,
    payloads: spec.formats.join(" "),
    rtp: [],
    fmtp: [],
  };
  if (spec.port === 0) return m;
  for (const codec of spec.codecs) {
    const rtpmap = { payload: codec.payload, codec: codec.name };
    m.rtp.push(codec.rate === null ? rtpmap : { ...rtpmap, rate: codec.rate });
    if (codec.fmtp !== null) m.fmtp.push({ payload: codec.payload, config: codec.fmtp });
  }
  if (spec.cryptos.length > 0) {
    m.crypto = spec.cryptos.map((c) => ({
      id: c.tag,
      suite: c.suite,
      config: c.keyParams,
      ...(c.sessionParams.length > 0 ? { sessionConfig: c.sessionParams.join(" ") } : {}),
    }));
  }
  if (spec.label !== undefined && spec.label !== null) m.label = spec.label;
  if (spec.ptime !== null) m.ptime = spec.ptime;
  if (spec.direction !== null) m.direction = spec.direction;
  return m;
}
