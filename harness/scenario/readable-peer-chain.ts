import type { LiveTlsFacts } from "../pki/live-tls-facts.js";
import { summarizeCertificate } from "../pki/summarize-certificate.js";

/**
 * The live facts with the peer chain cut before the first certificate that cannot be parsed. A certificate the server
 * sent that cannot be parsed is the peer's misbehaviour, so evidence (the chain stops there and live-handshake says
 * why), never an input error (docs/design.md §9). Shared by `exum certs lint host:port` and the `certs` step.
 */
export function readablePeerChain(live: LiveTlsFacts): LiveTlsFacts {
  const readable: string[] = [];
  for (const pem of live.peerChainPems) {
    try {
      summarizeCertificate(pem);
      readable.push(pem);
    } catch {
      const message = `the server sent a certificate that cannot be parsed (#${readable.length + 1} of ${live.peerChainPems.length})`;
      return { ...live, peerChainPems: readable, error: live.error ?? { code: "tls-unreadable-certificate", message } };
    }
  }
  return live;
}
