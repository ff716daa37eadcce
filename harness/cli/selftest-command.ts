import { performance } from "node:perf_hooks";
import { ExitCode } from "../errors/exit-codes.js";
import { startLoopbackResponder } from "../lab/index.js";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import { policyForEncryptionLevel } from "../sdp/encryption-level.js";
import { type EncryptionLevel } from "../model/encryption-level.js";
import type { MediaPolicy } from "../sdp/media-policy.js";
import { probeCall } from "../sip/call-probe.js";
import { probeOptions } from "../sip/options-probe.js";
import type { ProbeResult } from "../model/probe-result.js";
import { createResolver, parseResolveEntry } from "../sip/resolve-map.js";
import { parseSipTarget } from "../sip/sip-target.js";
import type { CliCommand } from "./cli-command.js";

interface SelftestFlags {
  json: boolean;
}

interface Check {
  name: string;
  expected: string;
  seen: string;
  passed: boolean;
}

const routerFqdn = "cas01.tukwila.contoso.com";
const poolFqdn = "pool01.contoso.com";

/**
 * `exum selftest`: proves the client works on this machine with nothing set up. It makes a throwaway CA in
 * memory, starts a mutual-TLS responder on 127.0.0.1 (a Call Router that redirects to a worker), then sends
 * OPTIONS and places calls through the redirect as the Lync pool, and checks what was negotiated.
 */
export const selftestCommand: CliCommand<SelftestFlags> = {
  command: "selftest",
  describe: "prove the harness on this machine: throwaway PKI, a local mutual-TLS responder, OPTIONS and calls through a 302",
  builder: (yargs) => yargs.option("json", { type: "boolean", default: false, describe: "print the checks and results as JSON" }),
  async run(flags, io) {
    const started = performance.now();
    io.err("selftest: creating a throwaway root CA and certificates in memory…\n");
    const ca = createRootCa({ commonName: "exum selftest root" });
    const router = issueCertificate(ca, { commonName: routerFqdn, dnsNames: [routerFqdn] });
    const pool = issueCertificate(ca, { commonName: poolFqdn, dnsNames: [poolFqdn] });
    const responder = await startLoopbackResponder({
      fqdn: routerFqdn,
      certPem: router.chainPem,
      keyPem: router.keyPem,
      caPem: [ca.certPem],
    });
    io.err(`selftest: mutual-TLS responder for ${routerFqdn} on 127.0.0.1:${responder.front.port} (worker :${responder.worker.port})\n`);
    const checks: Check[] = [];
    const results: Record<string, ProbeResult> = {};
    try {
      const base = {
        identity: { certPem: pool.chainPem, keyPem: pool.keyPem, label: poolFqdn },
        caPem: [ca.certPem],
        resolver: createResolver({ entries: [parseResolveEntry(`${routerFqdn}:*:127.0.0.1`)] }),
        fromDomain: poolFqdn,
        timeoutMs: 5000,
        signal: io.signal,
      };
      const target = parseSipTarget(`sip:alice@${routerFqdn}:${responder.front.port};transport=tls`);
      const options = await probeOptions(parseSipTarget(`${routerFqdn}:${responder.front.port}`), base);
      results.options = options;
      checks.push(check("OPTIONS over mutual TLS answered 200", "200 mtls", `${options.status ?? options.failure?.code} ${options.hops[0]?.signaling ?? "-"}`));
      const cases: Array<[EncryptionLevel, MediaPolicy, string]> = [
        ["RequireEncryption", "required", "answered srtp Secured"],
        ["DoNotSupportEncryption", "required", "failed srtp-required-by-peer"],
      ];
      for (const [level, workerPolicy, expected] of cases) {
        responder.behaviour.workerPolicy = workerPolicy;
        const call = await probeCall(target, { ...base, policy: policyForEncryptionLevel(level) });
        results[`call-${level}`] = call;
        const seen =
          call.outcome === "answered"
            ? `answered ${call.negotiated?.media ?? "-"} ${call.negotiated?.mode ?? "-"}`
            : `failed ${call.failure?.code ?? "-"}`;
        checks.push(check(`call as ${level} through the 302 to a worker requiring SRTP`, expected, seen));
      }
    } finally {
      await responder.close();
    }
    const passed = checks.filter((c) => c.passed).length;
    const ms = Math.round(performance.now() - started);
    if (flags.json) {
      io.out(`${JSON.stringify({ checks, results }, null, 2)}\n`);
    } else {
      for (const c of checks) io.out(`${c.passed ? "PASS" : "FAIL"}  ${c.name}: expected ${c.expected}, saw ${c.seen}\n`);
      io.out(`${passed} of ${checks.length} checks passed in ${ms} ms\n`);
    }
    return passed === checks.length ? ExitCode.Ok : ExitCode.Failed;
  },
};

function check(name: string, expected: string, seen: string): Check {
  return { name, expected, seen, passed: expected === seen };
}
