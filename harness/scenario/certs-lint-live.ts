import { isIP } from "node:net";
import type { LiveTlsFacts } from "../pki/live-tls-facts.js";
import { probeOptions } from "../sip/options-probe.js";
import type { Resolver } from "../sip/resolve-map.js";
import { parseSipTarget } from "../sip/sip-target.js";
import type { Logger } from "../log/logger.js";
import type { KeylogSink } from "../tls/keylog-sink.js";
import type { TlsIdentity } from "../tls/tls-identity.js";
import type { ProbeResult } from "../model/probe-result.js";
import { liveTlsFactsOf } from "./certs-lint-live-facts.js";

export interface LiveLintOptions {
  /** Where to connect: an IP address or a host name (resolved by the system). */
  readonly host: string;
  readonly port: number;
  /** The FQDN we expect (`--fqdn`, else the host): sent as SNI and used as the Request-URI host. None for a bare IP. */
  readonly servername?: string | undefined;
  /** Our client certificate (chain) and key, presented when the server asks. */
  readonly identity?: TlsIdentity | undefined;
  /** The From domain: the FQDN we claim. @defaultValue "exum.invalid" */
  readonly fromDomain?: string | undefined;
  /** Bound on the TCP connect, on the TLS handshake and on waiting for the SIP response, each. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** TLS key log (Wireshark), as every probe takes it. */
  readonly keylog?: KeylogSink | undefined;
  readonly logger?: Logger | undefined;
  /** Where names resolve (`--resolve`). @defaultValue every name connects to `host` */
  readonly resolver?: Resolver | undefined;
}

/**
 * `exum certs lint host:port` and the `certs` step, live part: one SIP OPTIONS over a new TLS connection (harness/sip `probeOptions` over
 * harness/tls `dialTls`), read as {@link LiveTlsFacts}. A refusal, a timeout or an alert is a fact, never an exception.
 *
 * Insecure on purpose: lint judges what the server presents (its own rules check the chain against `--ca`), so an
 * untrusted or misnamed server is recorded rather than refused. No CA list is given, so Node completes the recorded
 * chain from its public roots only and the chain stays what the server sent.
 */
export async function certsLintLive(options: LiveLintOptions): Promise<LiveTlsFacts> {
  return (await probeLive(options)).facts;
}

/** What {@link probeLive} saw: the probe as it happened (the run model's evidence) and the facts the lint judges. */
export interface LiveProbe {
  readonly probe: ProbeResult;
  readonly facts: LiveTlsFacts;
}

/**
 * The one code path behind `exum certs lint host:port` and a scenario's `certs` step: {@link certsLintLive}, keeping
 * the probe result too (its TLS evidence and trace go into the run model).
 */
export async function probeLive(options: LiveLintOptions): Promise<LiveProbe> {
  const name = options.servername ?? options.host;
  const target = parseSipTarget(`${isIP(name) === 6 ? `[${name}]` : name}:${options.port}`, options.servername === undefined ? "target" : "--fqdn");
  // Connect where the user pointed, whatever name is presented (as `--resolve` does for `exum options`).
  const resolver: Resolver = options.resolver ?? { resolve: async () => options.host };
  const result = await probeOptions(target, {
    caPem: [],
    insecure: true,
    resolver,
    timeoutMs: options.timeoutMs,
    ...(options.identity === undefined ? {} : { identity: options.identity }),
    ...(options.fromDomain === undefined ? {} : { fromDomain: options.fromDomain }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.keylog === undefined ? {} : { keylog: options.keylog }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const facts = liveTlsFactsOf(result, {
    target: `${isIP(options.host) === 6 ? `[${options.host}]` : options.host}:${options.port}`,
    servername: isIP(target.host) === 0 ? target.host : undefined,
    clientCertificateOffered: options.identity !== undefined,
  });
  return { probe: result, facts };
}
