import type { Socket } from "node:net";
import { isIP } from "node:net";
import { dialTcp, dialTls } from "../tls/dial.js";
import type { TlsEvidence } from "../model/tls-evidence.js";
import { failure, type ProbeFailure } from "../model/probe-failure.js";
import type { ProbeSettings } from "./probe-options.js";
import { ciphersForVersions } from "../tls/tls-version.js";
import type { SipTarget } from "./sip-target.js";

export interface ConnectionAttempt {
  readonly address: string | null;
  readonly evidence: TlsEvidence | null;
  readonly tcpConnectMs: number | null;
  readonly tlsHandshakeMs: number | null;
}

export type OpenConnectionResult =
  | (ConnectionAttempt & { readonly ok: true; readonly socket: Socket })
  | (ConnectionAttempt & { readonly ok: false; readonly failure: ProbeFailure });

/**
 * Resolves a target and dials it over TLS or TCP. The certificate is verified against the target's host
 * (the FQDN), even when `maddr` or a `--resolve` entry sends the connection to another address (RFC 3261
 * §19.1.1: maddr overrides the address, not the identity being verified).
 */
export async function openConnection(target: SipTarget, options: ProbeSettings): Promise<OpenConnectionResult> {
  // A next hop apart from the Request-URI is both where we connect and whom we verify; else the Request-URI's host is
  // (maddr moves the connection, not the identity).
  const verifyName = target.nextHop?.host ?? target.host;
  const port = target.nextHop?.port ?? target.port;
  const connectTo = target.nextHop?.host ?? target.params.maddr ?? target.host;
  let address: string;
  try {
    address = await options.resolver.resolve(connectTo, port);
  } catch (error) {
    return {
      ok: false,
      address: null,
      evidence: null,
      tcpConnectMs: null,
      tlsHandshakeMs: null,
      failure: failure("name-not-resolved", `${connectTo} did not resolve: ${(error as Error).message}`),
    };
  }
  const timeoutMs = options.timeoutMs;
  // A maximum below TLS 1.2 without a minimum means that version alone (the default minimum is TLS 1.2).
  const maxTls = options.maxTlsVersion;
  const minTls = options.minTlsVersion ?? (maxTls === "TLSv1" || maxTls === "TLSv1.1" ? maxTls : undefined);
  const common = { address, port, connectTimeoutMs: timeoutMs, signal: options.signal, ...(options.capture === undefined ? {} : { capture: options.capture }) };
  const result =
    target.transport === "tcp"
      ? await dialTcp(common)
      : await dialTls({
          ...common,
          servername: isIP(verifyName) ? undefined : verifyName,
          identity: options.identity,
          caPem: options.caPem,
          insecure: options.insecure,
          handshakeTimeoutMs: timeoutMs,
          keylog: options.keylog,
          minVersion: minTls,
          maxVersion: options.maxTlsVersion,
          // TLS 1.0/1.1 (an old pool or Exchange played on purpose) need OpenSSL's security level 0 (tls-version.ts).
          ciphers: ciphersForVersions(minTls),
        });
  const attempt: ConnectionAttempt = {
    address,
    evidence: result.evidence ?? null,
    tcpConnectMs: result.timings.tcpConnect ?? null,
    tlsHandshakeMs: result.timings.tlsHandshake ?? null,
  };
  if (result.ok) return { ...attempt, ok: true, socket: result.socket };
  return { ...attempt, ok: false, failure: failure(result.failure.code, result.failure.message, result.failure.alert) };
}
