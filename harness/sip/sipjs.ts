/**
 * The parts of sip.js the client uses at run time, imported from the files that define them rather than from the
 * package's index: the index also loads the browser platform (WebRTC session description handlers, SimpleUser,
 * the WebSocket transport, 29 modules) and every API class, which a command's start-up would pay for without using
 * (docs/design.md §10). sip.js is pinned to 0.21.2 (package.json), so these paths do not move under us. Types still
 * come from "sip.js" itself (`import type` costs nothing at run time).
 */
export { EmitterImpl } from "sip.js/lib/api/emitter.js";
export { Inviter } from "sip.js/lib/api/inviter.js";
export { SessionState } from "sip.js/lib/api/session-state.js";
export { TransportState } from "sip.js/lib/api/transport-state.js";
export { UserAgent } from "sip.js/lib/api/user-agent.js";
export { Parser as SipParser } from "sip.js/lib/core/messages/parser.js";
