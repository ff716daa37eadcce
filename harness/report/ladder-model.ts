import type { ProbeEvidence } from "../model/step-evidence.js";
import type { TraceEntry } from "../model/trace-entry.js";
import type { Hop } from "../model/probe-result.js";
import { roleName, uriHost } from "./step-story.js";

/** A vertical line of the ladder: us, or one server endpoint (address:port) the probe talked to. */
export interface LadderLane {
  /** `127.42.7.13:5061`: the trace's remote endpoint, or the hop's when nothing crossed the wire. */
  readonly key: string;
  /** The server's FQDN (or host as written). */
  readonly title: string;
  /** `UM Call Router · 5061/TLS` (the address is in the hop table). */
  readonly detail: string | null;
}

/**
 * What an arrow is:
 * - `request`, `provisional` (1xx), `success` (2xx), `redirect` (3xx), `failure` (4xx–6xx): a SIP message;
 * - `broken`: no message: the connection failed (to the lane), or no answer came (back from the lane).
 */
export type LadderArrowKind = "request" | "provisional" | "success" | "redirect" | "failure" | "broken";

export interface LadderArrow {
  /** Lane indexes; lane 0 is us. */
  readonly from: number;
  readonly to: number;
  /** Milliseconds since the probe started (the trace's monotonic clock); null for `broken`. */
  readonly atMs: number | null;
  /** `INVITE sip:alice@contoso.com;opaque=app:voicemail`, `302 Moved Temporarily`, `✗ connection-refused`. */
  readonly label: string;
  /** For a final response: the time since its request (same CSeq), else null. */
  readonly elapsedMs: number | null;
  readonly kind: LadderArrowKind;
  /** The whole message as it crossed the wire (a peer's text: escape it), or the failure's message. */
  readonly raw: string | null;
}

export interface Ladder {
  readonly lanes: readonly LadderLane[];
  readonly arrows: readonly LadderArrow[];
}

function endpointKey(address: string, port: number): string {
  return address.includes(":") ? `[${address}]:${port}` : `${address}:${port}`;
}

function hopKey(hop: Hop): string {
  return endpointKey(hop.address ?? hop.host ?? uriHost(hop.target), hop.port);
}

function kindOf(entry: TraceEntry): LadderArrowKind {
  const status = /^SIP\/2\.0\s+(\d{3})/.exec(entry.firstLine)?.[1];
  if (status === undefined) return "request";
  const code = Number(status);
  if (code < 200) return "provisional";
  if (code < 300) return "success";
  if (code < 400) return "redirect";
  return "failure";
}

function labelOf(entry: TraceEntry): string {
  return entry.firstLine.replace(/^SIP\/2\.0\s+/, "").replace(/\s+SIP\/2\.0$/, "");
}

/** The time a final response took since the request it answers (same CSeq, sent before it), or null. */
function elapsed(trace: readonly TraceEntry[], index: number): number | null {
  const entry = trace[index] as TraceEntry;
  const kind = kindOf(entry);
  if (kind === "request" || kind === "provisional" || entry.cseq === null) return null;
  for (let i = index - 1; i >= 0; i--) {
    const candidate = trace[i] as TraceEntry;
    if (candidate.direction === "sent" && candidate.cseq === entry.cseq && candidate.callId === entry.callId && kindOf(candidate) === "request") {
      return Math.round((entry.atMs - candidate.atMs) * 1000) / 1000;
    }
  }
  return null;
}

/**
 * The ladder diagram of one probe (docs/design.md §3: "per transaction the messages (a trace that the ladder diagram is
 * drawn from) and timings"): one lane per endpoint in the order first met, named after the hop that went there; one
 * arrow per traced message; a broken arrow where a hop failed without a message (connection refused, TLS aborted) or
 * where no answer came.
 */
export function ladderOf(probe: Pick<ProbeEvidence, "hops" | "trace">, us = "exum"): Ladder {
  const lanes: LadderLane[] = [{ key: "us", title: us, detail: null }];
  const laneOf = new Map<string, number>();
  const hopOf = new Map<string, Hop>();
  for (const hop of probe.hops) if (!hopOf.has(hopKey(hop))) hopOf.set(hopKey(hop), hop);
  const lane = (key: string): number => {
    const known = laneOf.get(key);
    if (known !== undefined) return known;
    const hop = hopOf.get(key);
    const role = roleName(hop?.role);
    const detail = hop === undefined ? null : [role, `${hop.port}/${hop.transport.toUpperCase()}`].filter((part) => part !== null).join(" · ");
    lanes.push({ key, title: hop === undefined ? key : (hop.server ?? hop.host ?? uriHost(hop.target)), detail });
    laneOf.set(key, lanes.length - 1);
    return lanes.length - 1;
  };

  const arrows: (LadderArrow & { hopKey: string })[] = probe.trace.map((entry, index) => {
    const other = lane(entry.remote);
    const sent = entry.direction === "sent";
    return {
      from: sent ? 0 : other,
      to: sent ? other : 0,
      atMs: entry.atMs,
      label: labelOf(entry),
      elapsedMs: elapsed(probe.trace, index),
      kind: kindOf(entry),
      raw: entry.raw,
      hopKey: entry.remote,
    };
  });

  probe.hops.forEach((hop, index) => {
    if (hop.failure === null || hop.status !== null) return;
    const key = hopKey(hop);
    const mine = arrows.map((arrow, at) => (arrow.hopKey === key ? at : -1)).filter((at) => at !== -1);
    const broken = { atMs: null, elapsedMs: null, kind: "broken" as const, raw: hop.failure.message, hopKey: key, label: `✗ ${hop.failure.code}` };
    if (mine.length > 0) {
      // Something was sent and no final answer came: the failure comes back from that lane after its messages.
      const at = (mine.at(-1) as number) + 1;
      arrows.splice(at, 0, { ...broken, from: lane(key), to: 0 });
      return;
    }
    // Nothing crossed the wire: the connection (or handshake) failed; after the earlier hops' messages.
    const earlier = new Set(probe.hops.slice(0, index).map(hopKey));
    const after = arrows.reduce((last, arrow, at) => (earlier.has(arrow.hopKey) ? at : last), -1);
    arrows.splice(after + 1, 0, { ...broken, from: 0, to: lane(key) });
  });
  return { lanes, arrows: arrows.map(({ hopKey: _hopKey, ...arrow }) => arrow) };
}
