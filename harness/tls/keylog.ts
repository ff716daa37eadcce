/** The key log pieces, for callers that import them together (harness/cli/probe-flags.ts). */
export { attachKeylog } from "./attach-keylog.js";
export { MemoryKeylog, type KeylogSink } from "./keylog-sink.js";
export { openKeylog } from "./open-keylog.js";
