import tap, { type Test } from "tap";
import { startLoopbackResponder, type LoopbackResponder, type ResponderBehaviour } from "../lab/servers/loopback-responder.js";
import { createResolver } from "../sip/resolve-map.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { makeTestPki, type TestPki } from "./test-pki.js";
import { tempDir } from "./temp-dir.js";

export const routerFqdn = "cas01.tukwila.contoso.com";
export const poolFqdn = "pool01.contoso.com";

let shared: Promise<TestPki> | undefined;

/** One throwaway PKI per test file (RSA keys are the slow part), removed when the file's tests end. */
export async function probePki(): Promise<TestPki> {
  shared ??= tempDir(tap).then((dir) =>
    makeTestPki({ dir, serverFqdns: [routerFqdn, "other.contoso.com"], clientNames: [poolFqdn] }),
  );
  return shared;
}

/** A loopback responder for the router FQDN, closed at the end of the test. */
export async function responder(
  t: Test,
  options: { behaviour?: Partial<ResponderBehaviour>; certFor?: string; requireClientCertificate?: boolean; maxTlsVersion?: "TLSv1.2" | "TLSv1.3" } = {},
): Promise<{ pki: TestPki; responder: LoopbackResponder; base: ProbeOptions }> {
  const pki = await probePki();
  const server = pki.servers[options.certFor ?? routerFqdn];
  if (server === undefined) throw new Error("no such test certificate");
  const started = await startLoopbackResponder({
    fqdn: routerFqdn,
    certPem: server.chainPem,
    keyPem: server.keyPem,
    caPem: [pki.ca.certPem],
    requireClientCertificate: options.requireClientCertificate,
    maxTlsVersion: options.maxTlsVersion,
    behaviour: options.behaviour,
  });
  t.teardown(() => started.close());
  const pool = pki.clients[poolFqdn];
  if (pool === undefined) throw new Error("no pool certificate");
  const base: ProbeOptions = {
    identity: { certPem: pool.chainPem, keyPem: pool.keyPem, label: poolFqdn },
    caPem: [pki.ca.certPem],
    resolver: createResolver({ entries: [{ host: routerFqdn, port: null, address: "127.0.0.1" }] }),
    fromDomain: poolFqdn,
    timeoutMs: 3000,
  };
  return { pki, responder: started, base };
}
