import t from "tap";
import { Core, EmitterImpl, TransportState, UserAgent, type Transport } from "sip.js";
import { deliverParsed } from "./parsed-handover.js";

const quiet = { error: () => undefined, warn: () => undefined, log: () => undefined, debug: () => undefined } as unknown as Parameters<typeof Core.Parser.parseMessage>[1];

const options = (callId: string) =>
  [
    "OPTIONS sip:exum@127.0.0.1:5061;transport=tls SIP/2.0",
    "Via: SIP/2.0/TLS 127.0.0.2:5061;branch=z9hG4bKhandover",
    "Max-Forwards: 70",
    "From: <sip:peer@contoso.com>;tag=peer1",
    "To: <sip:exum@127.0.0.1>",
    `Call-ID: ${callId}`,
    "CSeq: 1 OPTIONS",
    "Content-Length: 0",
    "",
    "",
  ].join("\r\n");

const parse = (text: string) => {
  const message = Core.Parser.parseMessage(text, quiet);
  if (message === undefined) throw new Error("the fixture does not parse");
  return message;
};

t.test("the first parse of the same text during delivery gets the message handed over, and only that one", async (t) => {
  const text = options("same-text");
  const handed = parse(text);
  const seen: unknown[] = [];
  deliverParsed(text, handed, (delivered) => {
    t.equal(delivered, text);
    seen.push(Core.Parser.parseMessage(options("other-text"), quiet), Core.Parser.parseMessage(delivered, quiet), Core.Parser.parseMessage(delivered, quiet));
  });
  t.not(seen[0], handed, "another text is parsed anew");
  t.equal(seen[1], handed, "the same text gets the parsed message");
  t.not(seen[2], handed, "a second parse of it is a parse of its own");
  t.equal((seen[2] as Core.IncomingRequestMessage).callId, "same-text");
});

t.test("a hand-over not taken is dropped when delivery ends, even when delivery throws", async (t) => {
  const text = options("untaken");
  const handed = parse(text);
  deliverParsed(text, handed, () => undefined);
  t.not(Core.Parser.parseMessage(text, quiet), handed);
  t.throws(() => deliverParsed(text, handed, () => {
    throw new Error("sip.js threw");
  }));
  t.not(Core.Parser.parseMessage(text, quiet), handed);
});

/** A transport that is connected at once and keeps what sip.js sends. */
class RecordingTransport implements Transport {
  static sent: string[] = [];
  readonly protocol = "TLS";
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  readonly stateChange = new EmitterImpl<TransportState>();
  state = TransportState.Connected;
  async connect(): Promise<void> {}
  async disconnect(): Promise<void> {}
  async dispose(): Promise<void> {}
  isConnected(): boolean {
    return true;
  }
  async send(message: string): Promise<void> {
    RecordingTransport.sent.push(message);
  }
}

t.test("sip.js's user agent takes the hand-over: it answers the message handed over, not a parse of the text", async (t) => {
  const userAgent = new UserAgent({ transportConstructor: RecordingTransport, logBuiltinEnabled: false, viaHost: "127.0.0.1" });
  await userAgent.start();
  const transport = userAgent.transport as RecordingTransport;
  const text = options("from-the-text");
  // The message handed over differs from the text in its Call-ID: sip.js's answer shows which one it took.
  deliverParsed(text, parse(options("handed-over")), (delivered) => transport.onMessage?.(delivered));
  await new Promise((resolve) => setImmediate(resolve));
  await userAgent.stop();
  const answer = RecordingTransport.sent.find((message) => message.startsWith("SIP/2.0 "));
  t.match(answer, /^Call-ID: handed-over\r$/m, "sip.js answered the handed-over message (a sip.js update that parses again fails here)");
});
