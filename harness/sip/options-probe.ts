import { stopwatch } from "../model/clock.js";
import { MessageTrace } from "./message-trace.js";
import { withProbeDefaults, type ProbeOptions } from "./probe-options.js";
import type { ProbeResult } from "../model/probe-result.js";
import { releaseLink, runHop } from "./run-hop.js";
import type { SipTarget } from "./sip-target.js";
import type { URI } from "sip.js";
import { UserAgent } from "./sipjs.js";
import { fromAddress } from "./from-address.js";

/**
 * `exum options`: one OPTIONS over one new connection (or one a pool kept open: `connections`), and everything seen on
 * the way (docs/design.md §3).
 * docs/protocol.md §6: the Call Router answers OPTIONS with 200 to any peer that completes TLS.
 */
export async function probeOptions(target: SipTarget, given: ProbeOptions): Promise<ProbeResult> {
  const options = withProbeDefaults(given);
  const startedAt = options.clock.now().toISOString();
  const elapsed = stopwatch(options.clock);
  const trace = new MessageTrace({ clock: options.clock });
  const { hop } = await runHop({
    method: "OPTIONS",
    target,
    options,
    trace,
    send(link, delegate) {
      const core = link.userAgent.userAgentCore;
      const from = fromAddress(options).uri;
      const requestUri = UserAgent.makeURI(target.uri) as URI;
      // sip.js has no high-level OPTIONS API: build and send it as its own keep-alive does (docs/sipjs.md).
      const message = core.makeOutgoingRequestMessage("OPTIONS", requestUri, from, requestUri, {}, [
        "Accept: application/sdp",
        `Contact: ${link.userAgent.contact.toString()}`,
      ]);
      core.request(message, delegate);
    },
  }).then(async (run) => {
    if (run.link !== null) await releaseLink(run.link, run.hop, target, options, run.hop.status !== null);
    return run;
  });
  const ok = hop.failure === null && hop.status !== null && hop.status >= 200 && hop.status < 300;
  const warnings: string[] = [];
  if (fromAddress(options).fellBack) warnings.push(`From domain "${options.fromDomain}" is no SIP host; sent as exum.invalid`);
  if (options.insecure) warnings.push("--insecure: the server's certificate was not enforced; results do not prove trust");
  return {
    kind: "options",
    outcome: ok ? "ok" : "failed",
    status: hop.status,
    reason: hop.reason,
    failure:
      hop.failure ??
      (ok ? null : { code: "rejected", message: `OPTIONS answered ${hop.status} ${hop.reason ?? ""}`.trim() }),
    tls: hop.tls,
    hops: [hop],
    negotiated: null,
    sdp: null,
    insecure: options.insecure,
    warnings,
    trace: trace.entries,
    startedAt,
    durationMs: elapsed(),
  };
}
