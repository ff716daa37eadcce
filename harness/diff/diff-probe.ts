import type { Hop } from "../model/probe-result.js";
import type { ProbeEvidence } from "../model/step-evidence.js";
import { changeOf, entryOf, within, type DiffContext } from "./diff-context.js";
import type { DiffEntry } from "./diff-entry.js";
import { diffMedia } from "./diff-media.js";
import { diffTls } from "./diff-tls.js";
import { judgeFailure } from "./judge-failure.js";
import { judgeOutcome } from "./judge-outcome.js";
import { judgeSignaling } from "./judge-ranked.js";

/** The server a hop reached, without its port (ports vary between lab runs): the role's server, the host, the Request-URI's host. */
function hopServer(hop: Hop): string {
  return hop.server ?? hop.host ?? hop.target.replace(/^sips?:(?:[^@]*@)?/, "").replace(/[:;>].*$/, "");
}

/** A hop as the redirect chain shows it: `callRouter cas01.tukwila.contoso.com 302`. */
function hopLabel(hop: Hop): string {
  return `${hop.role === null || hop.role === undefined ? "" : `${hop.role} `}${hopServer(hop)} ${hop.status ?? "no answer"}`;
}

function hopPlace(index: number, before: Hop, after: Hop): string {
  const [a, b] = [hopServer(before), hopServer(after)];
  return `hop ${index + 1} ${a === b ? b : `${a} in run A, ${b} in run B`}`;
}

/**
 * The hops of two chains that played the same part: the n-th hop of a role in run B with the n-th of that role in run A
 * (the Call Router with the Call Router, the worker with the worker, whichever server played it), hops without a role
 * (`exum options`/`exum call` results) by position. Returns run B's position and both hops.
 */
function pairHops(before: readonly Hop[], after: readonly Hop[]): [number, Hop, Hop][] {
  const key = (hop: Hop, index: number) => (hop.role === null || hop.role === undefined ? `#${index}` : hop.role);
  const waiting = new Map<string, Hop[]>();
  before.forEach((hop, index) => waiting.set(key(hop, index), [...(waiting.get(key(hop, index)) ?? []), hop]));
  return after.flatMap((hop, index): [number, Hop, Hop][] => {
    const match = waiting.get(key(hop, index))?.shift();
    return match === undefined ? [] : [[index, match, hop]];
  });
}

function diagnosticsText(hop: Hop): string | null {
  const codes = hop.diagnostics.map((diagnostic) => `${diagnostic.code ?? "?"}${diagnostic.subCode === null || diagnostic.subCode === undefined ? "" : `.${diagnostic.subCode}`}`);
  return codes.length === 0 ? null : codes.join(", ");
}

/**
 * One OPTIONS or call in run A against run B: the outcome, final status and failure code; the redirect chain (each hop's
 * role, server and status); per hop that played the same part in both runs (pairHops), the signalling, the TLS and the server's certificate, and the
 * ms-diagnostics codes; for calls, the media (diff-media.ts). A hop in one run only shows as the chain's change. Times,
 * addresses, ports, headers (Call-IDs, tags, branches), SDP and traces vary and are never compared.
 */
export function diffProbe(before: ProbeEvidence, after: ProbeEvidence, place: string | null, context: DiffContext): DiffEntry[] {
  const entries: DiffEntry[] = [
    ...entryOf("outcome", place, before.outcome, after.outcome, judgeOutcome(before.outcome, after.outcome)),
    ...changeOf("status", place, before.status === null ? null : String(before.status), after.status === null ? null : String(after.status), "final status"),
    ...entryOf("failure", place, before.failure?.code ?? null, after.failure?.code ?? null, judgeFailure(before.failure?.code ?? null, after.failure?.code ?? null)),
    ...changeOf("redirect-chain", place, before.hops.map(hopLabel).join(" → ") || null, after.hops.map(hopLabel).join(" → ") || null, "redirect chain"),
  ];
  const pairs = pairHops(before.hops, after.hops);
  for (const [index, a, b] of pairs) {
    const at = within(place, hopPlace(index, a, b));
    entries.push(
      ...entryOf("signaling", at, a.signaling, b.signaling, judgeSignaling(a.signaling, b.signaling)),
      ...diffTls(a.tls, b.tls, at, context),
      ...changeOf("diagnostics", at, diagnosticsText(a), diagnosticsText(b), "ms-diagnostics code"),
    );
  }
  if (pairs.length === 0) entries.push(...diffTls(before.tls, after.tls, within(place, "connection"), context));
  if (before.kind === "call" || after.kind === "call") {
    const media = (probe: ProbeEvidence) => ({ negotiated: probe.negotiated, media: "media" in probe ? probe.media : null });
    entries.push(...diffMedia(media(before), media(after), place));
  }
  return entries;
}
