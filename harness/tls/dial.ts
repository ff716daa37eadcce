/** The diallers, for callers that import them together (harness/sip/open-connection.ts). */
export { dialTcp } from "./dial-tcp.js";
export { dialTls } from "./dial-tls.js";
export type { DialTcpOptions, DialTlsOptions } from "./dial-options.js";
export type { DialResult, DialTimings } from "./dial-result.js";
