import { policyForSrtpMode } from "../../sdp/srtp-mode.js";
import { type SrtpMode } from "../../model/srtp-mode.js";
import { msDiagnostics } from "./ms-diagnostics-header.js";
import { CALL_ALLOW, CallAnswerer } from "./call-answerer.js";
import type { SimHandler, SimHandlerFactory } from "./sim-server.js";
import { reasonPhrase } from "../net/sip-reason-phrase.js";
import { effectiveSrtpMode, type ServerOf } from "../topology/topology-resolve.js";
import type { Topology } from "../topology/topology-schema.js";

/** Options of {@link gatewayHandler}. */
export interface GatewayHandlerOptions {
  /** [INF] A real gateway's `Server:` string is vendor-specific; the lab names itself. @defaultValue "exum-lab-gateway" */
  serverHeader?: string;
  /** Status of an OPTIONS (docs/protocol.md §6: the Mediation Server pings its gateways). @defaultValue 200 */
  optionsStatus?: number;
}

/**
 * The SRTPMode a gateway applies on a transport: [INF] the SRTPMode of the Mediation Server trunk that points at it
 * (a gateway is configured to match its trunk), `Optional` when none does; forced `NotSupported` over TCP
 * (docs/protocol.md §2 "Trunk SRTPMode": "on a TCP trunk it is forced to `NotSupported`").
 */
export function gatewaySrtpMode(topology: Topology, fqdn: string, transport: "tls" | "tcp"): SrtpMode {
  const trunk = topology.servers.find((s): s is ServerOf<"mediation"> => s.role === "mediation" && s.trunk.gateway === fqdn)?.trunk;
  return effectiveSrtpMode({ transport, srtpMode: trunk?.srtpMode ?? "Optional" });
}

/**
 * A simulated **VoIP gateway / IP-PBX / SBC** (docs/protocol.md §1: the Mediation Server "sits between the pool and
 * gateways/IP-PBX/SBC"; the lab gives it 5060 TCP / 5061 TLS). It answers OPTIONS, and INVITEs (from the Mediation
 * Server, or the harness's personas) with the SRTPMode of its trunk ({@link gatewaySrtpMode}); ACK, BYE, CANCEL per
 * RFC 3261 (call-answerer.ts). [INF] It accepts any peer that completes the lab's mutual TLS (no name check)
 * and refuses an offer it cannot take with `488 Not Acceptable Here` (an `ms-diagnostics` id 0: not a Lync code).
 * It writes no events (docs/protocol.md §4 names none for gateways).
 */
export function gatewayHandler(options: GatewayHandlerOptions = {}): SimHandlerFactory {
  const product = () => options.serverHeader ?? "exum-lab-gateway";
  const headers = () => [`Server: ${product()}`];
  const optionsStatus = options.optionsStatus ?? 200;
  return (context): SimHandler => {
    const calls = new CallAnswerer(context, { product });
    return {
      close: () => calls.close(),
      onRequest(request) {
        switch (request.message.method) {
          case "OPTIONS":
            request.respond({ status: optionsStatus, reason: reasonPhrase(optionsStatus), headers: [...headers(), CALL_ALLOW, "Accept: application/sdp"] });
            return;
          case "INVITE": {
            const mode = gatewaySrtpMode(context.lab.topology(), context.fqdn, request.listener.transport);
            calls.invite(request, {
              policy: policyForSrtpMode(mode),
              notAcceptable: () => ({
                status: 488,
                reason: reasonPhrase(488),
                headers: [msDiagnostics(0, `Encryption levels not compatible (gateway SRTPMode ${mode})`, context.fqdn)],
              }),
            });
            return;
          }
          default:
            if (calls.inCall(request)) return;
            request.respond({ status: 405, reason: reasonPhrase(405), headers: [...headers(), CALL_ALLOW] });
        }
      },
    };
  };
}

/** The gateway with the defaults (registered in sim-roles-lync.ts). */
export const simGateway: SimHandlerFactory = gatewayHandler();
