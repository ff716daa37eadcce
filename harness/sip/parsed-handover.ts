import { SipParser } from "./sipjs.js";

type ParseMessage = typeof SipParser.parseMessage;
type Parsed = ReturnType<ParseMessage>;

/** The one message parsed for the next `Core.Parser.parseMessage` of exactly this text; null between hand-overs. */
let pending: { readonly text: string; readonly message: NonNullable<Parsed> } | null = null;
let installed = false;

/**
 * Runs `deliver` (a transport's `onMessage`, i.e. sip.js's `UserAgent.onTransportMessage`) with `message`, already
 * parsed from `text` by `Core.Parser.parseMessage`, handed to the parse sip.js starts there, so the message is parsed
 * once instead of twice. StreamTransport parses every inbound message itself first, to judge a refusal at once
 * (docs/sipjs.md); sip.js's own parse of the same text was half of the client's grammar time under call load
 * (docs/design.md §10).
 *
 * Identical to sip.js parsing again: `parseMessage` is deterministic and logs nothing when it succeeds, and only a
 * successful parse is handed over. The hand-over is taken by the first parse of exactly `text` during `deliver` and
 * dropped when `deliver` returns, taken or not, so no other parse (the lab's, another agent's) ever sees it.
 * sip.js 0.21.2 reads `Parser.parseMessage` from its namespace object at each call (api/user-agent.js), which is
 * where the wrapper sits; parsed-handover.test.ts fails if a sip.js update stops taking the hand-over.
 */
export function deliverParsed(text: string, message: NonNullable<Parsed>, deliver: (text: string) => void): void {
  install();
  pending = { text, message };
  try {
    deliver(text);
  } finally {
    pending = null;
  }
}

/** Puts the wrapper on sip.js's parser once per module instance (each worker thread has its own). */
function install(): void {
  if (installed) return;
  installed = true;
  const original: ParseMessage = SipParser.parseMessage;
  (SipParser as { parseMessage: ParseMessage }).parseMessage = (data, logger) => {
    const handed = pending;
    if (handed !== null && handed.text === data) {
      pending = null;
      return handed.message;
    }
    return original(data, logger);
  };
}
