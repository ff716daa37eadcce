import type { Socket } from "node:net";
import type { URI } from "sip.js";
import { UserAgent } from "./sipjs.js";
import type { Logger } from "../log/logger.js";
import { sipJsLogConnector } from "../log/sipjs-log-connector.js";
import type { FramingError } from "./framing-error.js";
import type { MessageTrace } from "./message-trace.js";
import { StreamTransport, type StreamTransportOptions } from "./stream-transport.js";
import { textSessionDescriptionHandlerFactory, type SdpExchange } from "./text-session-description-handler.js";

/** sip.js 0.21.2 calls itself 0.21.1 (docs/sipjs.md): say who we are instead. */
export const userAgentString = "exum/0.1 (sip.js 0.21.2)";

export interface UserAgentFactoryOptions {
  socket: Socket;
  protocol: "TLS" | "TCP";
  /** Where sent and received messages are recorded. */
  trace: Pick<MessageTrace, "record">;
  logger: Logger;
  /** Our From/Contact user and the domain of our AOR (e.g. the pool FQDN we play). */
  fromUser: string;
  fromDomain: string;
  /** The offer an INVITE carries, when this agent places calls: read at each INVITE. */
  offer?: () => string;
  /** Where the offer handed out and the answer received are kept: read at each use. */
  sdp?: () => SdpExchange;
  /** Option tags for `Supported:` (sip.js always adds `outbound`; this replaces the whole list). @defaultValue [] */
  supported?: string[];
  onInbound?: StreamTransportOptions["onInbound"];
  onClosed?: StreamTransportOptions["onClosed"];
  onFramingError?: (error: FramingError) => void;
}

/**
 * One sip.js UserAgent over one already-connected socket (sip.js allows one transport per agent: docs/sipjs.md
 * "What the project supplies" 3). Every workaround of docs/sipjs.md's trap table that concerns the agent is here.
 */
export function createUserAgent(options: UserAgentFactoryOptions): UserAgent {
  const local = options.socket.localAddress ?? "127.0.0.1";
  const localPort = options.socket.localPort ?? 0;
  // Trap 1: responses whose Via host differs from viaHost, or carries a port, are dropped. viaHost is our
  // local address; the transport adds the port on send and strips it from responses.
  const viaHost = local.includes(":") ? `[${local}]` : local;
  const transport = options.protocol.toLowerCase();
  const contactUri = `sip:${options.fromUser}@${viaHost}:${localPort};transport=${transport}`;
  const uri = UserAgent.makeURI(`sip:${options.fromUser}@${options.fromDomain}`) as URI;
  const fallback: SdpExchange = { offer: null, answer: null };
  const sdp = options.sdp ?? (() => fallback);
  const userAgent = new UserAgent({
    uri,
    viaHost,
    contactName: options.fromUser,
    // Trap 3: Contact defaults to transport=ws with no port; set the params here and the rendering below.
    contactParams: { transport },
    userAgentString,
    logBuiltinEnabled: false,
    logLevel: "debug",
    logConnector: sipJsLogConnector(options.logger),
    // reconnectionAttempts already defaults to 0 (never reconnect); setting it logs a deprecation warning.
    // Trap: As UAS sip.js sends 100/180 by itself; the harness decides what it answers.
    sendInitialProvisionalResponse: false,
    // No answer timer of sip.js's own: the harness owns every timeout (trap 4).
    noAnswerTimeout: 0,
    sessionDescriptionHandlerFactory: textSessionDescriptionHandlerFactory(options.offer ?? (() => ""), sdp),
    transportConstructor: StreamTransport,
    transportOptions: {
      socket: options.socket,
      protocol: options.protocol,
      trace: options.trace,
      viaPort: localPort,
      onInbound: options.onInbound,
      onClosed: options.onClosed,
      onFramingError: options.onFramingError,
    } satisfies StreamTransportOptions,
  });
  // Trap 3: sip.js renders Contact as <sip:user@viaHost;transport=ws;ob>; render ours with port and transport.
  userAgent.contact.toString = () => `<${contactUri}>`;
  // Trap 3: `Supported: outbound` is always sent although we do not implement RFC 5626.
  const core = userAgent.userAgentCore as unknown as { configuration: { supportedOptionTags: string[] } };
  core.configuration.supportedOptionTags = options.supported ?? [];
  return userAgent;
}
