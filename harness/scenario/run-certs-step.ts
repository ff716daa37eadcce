import { stopwatch } from "../model/clock.js";
import { lintCertificate } from "../pki/lint-certificate.js";
import type { LintEvidence } from "../model/step-evidence.js";
import { probeLive } from "./certs-lint-live.js";
import { checkCertsExpect } from "./check-certs-expect.js";
import { lintEvidence } from "./lint-evidence.js";
import type { PlannedCerts } from "./plan.js";
import { readablePeerChain } from "./readable-peer-chain.js";
import { stepTarget, type StepDone, type StepRun } from "./step-run.js";

/**
 * `certs: <target>`: lint what a role presents, by the same code path as `exum certs lint host:port` (one SIP OPTIONS
 * over a new TLS connection, harness/scenario probeLive; docs/protocol.md §5 rules in harness/pki), presenting the
 * persona's certificate so a server that demands one completes the handshake. The name the certificate must carry is
 * the step's `fqdn` (the target's by default), its SAN must cover `peers`, and its chain must lead to our CAs.
 */
export async function runCertsStep(step: PlannedCerts, run: StepRun): Promise<StepDone> {
  const elapsed = stopwatch(run.clock);
  const port = run.env.portOf(step.endpoint);
  const target = stepTarget(step.endpoint, port, null);
  const persona = step.persona.persona;
  let address: string;
  try {
    address = await run.env.resolver.resolve(step.endpoint.fqdn, port);
  } catch (error) {
    const evidence: LintEvidence = {
      kind: "certs",
      verdict: null,
      certificate: null,
      chain: [],
      findings: [],
      live: null,
      failure: { code: "name-not-resolved", message: `${step.endpoint.fqdn} did not resolve: ${(error as Error).message}` },
      tls: null,
      durationMs: elapsed(),
    };
    return { evidence, expectations: checkCertsExpect(`${step.path}.expect`, step.expect, evidence, { connect: null, handshake: null }), target, persona };
  }
  const identity = await run.env.identity(step.persona);
  const live = await probeLive({
    host: address,
    port,
    servername: step.endpoint.fqdn,
    identity,
    fromDomain: run.env.fromDomain(step.persona),
    timeoutMs: step.timeoutMs,
    signal: run.signal,
    keylog: run.env.keylog,
    logger: run.env.logger.child({ step: step.path, as: persona }),
  });
  const facts = readablePeerChain(live.facts);
  const report = lintCertificate({ chainPems: facts.peerChainPems, live: facts, caPems: [...run.env.caPem], fqdn: step.fqdn, peers: step.peers });
  const evidence = lintEvidence(report, live.probe.tls, elapsed());
  const hop = live.probe.hops[0];
  const timings = { connect: hop?.timings.tcpConnectMs ?? null, handshake: hop?.timings.tlsHandshakeMs ?? null };
  return { evidence, expectations: checkCertsExpect(`${step.path}.expect`, step.expect, evidence, timings), target, persona };
}
