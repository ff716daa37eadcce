import t, { type Test } from "tap";
import { Core } from "sip.js";
import { hasField, parseSipMessage } from "./sip-message-parser.js";

// parseSipMessage must give what sip.js's Core.Parser.parseMessage gives (sip-message-parser.ts): the same verdict
// (a request, a response, or nothing) and the same fields, for well-formed messages and for broken ones.
const quiet = { error() {}, warn() {}, log() {}, debug() {} } as unknown as Parameters<typeof Core.Parser.parseMessage>[1];

type Parsed = ReturnType<typeof Core.Parser.parseMessage>;

/** Everything the lab (or anyone) can read of a parsed message, as plain data. */
function facts(message: Parsed): unknown {
  if (message === undefined) return "unparsed";
  if (message instanceof Core.IncomingResponseMessage) return { response: message.statusCode, reason: message.reasonPhrase, callId: message.callId, cseq: message.cseq };
  const headers = Object.fromEntries(Object.entries(message.headers as Record<string, { raw: string }[]>).map(([name, values]) => [name, values.map((value) => value.raw)]));
  return {
    method: message.method,
    ruri: message.ruri?.toString(),
    ruriUser: message.ruri?.user,
    callId: message.callId,
    cseq: message.cseq,
    fromTag: message.fromTag,
    toTag: message.toTag,
    viaBranch: message.viaBranch,
    from: message.from?.toString(),
    fromDisplay: message.from?.displayName,
    fromParams: message.from === undefined ? undefined : { ...(message.from as unknown as { parameters: object }).parameters },
    to: message.to?.toString(),
    toParams: message.to === undefined ? undefined : { ...(message.to as unknown as { parameters: object }).parameters },
    via: message.via === undefined ? undefined : JSON.parse(JSON.stringify(message.via)),
    contact: message.parseHeader("contact")?.toString(),
    headers,
    body: message.body,
    data: message.data,
  };
}

function same(t: Test, text: string, what: string): void {
  const fast = parseSipMessage(text);
  const reference = Core.Parser.parseMessage(text, quiet);
  t.same(facts(fast), facts(reference), what);
}

const INVITE = [
  "INVITE sip:alice@cas01.tukwila.contoso.com:5061;transport=tls;opaque=app:voicemail SIP/2.0",
  "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKBRANCH",
  "Max-Forwards: 70",
  'From: "Pool 01" <sip:pool01.contoso.com;gruu;opaque=srvr:MRAS:abc>;epid=01ABCDEF;tag=FROMTAG',
  "To: <sip:alice@contoso.com;opaque=app:voicemail>",
  "Call-ID: CALLID@pool01.contoso.com",
  "CSeq: 1 INVITE",
  "Contact: <sip:pool01.contoso.com:5061;transport=tls>;+sip.instance=\"<urn:uuid:1-2>\"",
  "Diversion: <sip:alice@contoso.com>;reason=no-answer;counter=1",
  "ms-call-source: ms-lync",
  "Content-Type: application/sdp",
  "Content-Length: 14",
  "",
  "v=0\r\ns=-\r\nxx",
].join("\r\n");
const OPTIONS =
  "OPTIONS sip:cas01.tukwila.contoso.com:5061;transport=tls SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKBRANCH\r\n" +
  "Max-Forwards: 70\r\nFrom: <sip:bench@pool01.contoso.com>;tag=FROMTAG\r\nTo: <sip:cas01.tukwila.contoso.com>\r\nCall-ID: CALLID\r\n" +
  "CSeq: 1 OPTIONS\r\nAccept: application/sdp\r\nContent-Length: 0\r\n\r\n";
const BYE =
  "BYE sip:bench@127.0.0.1:5061;transport=tls SIP/2.0\r\nv: SIP/2.0/TLS 127.0.0.1:5061 ;rport; branch = z9hG4bKBRANCH\r\nVia: SIP/2.0/TCP 10.0.0.1\r\n" +
  "f: sip:bench@pool01.contoso.com;tag=FROMTAG\r\nt: Alice <sip:alice@contoso.com>;TAG=TOTAG\r\ni: CALLID\r\nCSeq: 2 BYE\r\nl: 0\r\n\r\n";

/** The templates' unique tokens, filled in per message. */
function fill(template: string, tokens: readonly [string, string, string, string]): string {
  return template.replaceAll("BRANCH", tokens[0]).replaceAll("FROMTAG", tokens[1]).replaceAll("TOTAG", tokens[2]).replaceAll("CALLID", tokens[3]);
}
const TOKENS: readonly (readonly [string, string, string, string])[] = [
  ["1", "a", "b", "c"],
  ["9z%!*_+`'~.-", "A.b-c", "x'y", "id(1)<2>:3"],
  ["abcdef0123456789", "0", "Z", "x@y"],
];

t.test("well-formed messages: the same fields as sip.js, on first sight of a shape and from the memo", async (t) => {
  for (const [name, template] of Object.entries({ INVITE, OPTIONS, BYE })) {
    for (const tokens of TOKENS) same(t, fill(template, tokens), `${name} with ${tokens.join(" ")}`);
  }
});

t.test("the lazily parsed fields are the objects sip.js builds, settable, and reported present without parsing", async (t) => {
  const message = parseSipMessage(fill(INVITE, ["1", "a", "b", "c"])) as Core.IncomingRequestMessage;
  t.ok(hasField(message, "ruri") && hasField(message, "from") && hasField(message, "to"));
  t.ok(message.ruri instanceof Core.URI);
  t.equal(message.from.uri.host, "pool01.contoso.com");
  t.equal(message.from.getParam("epid"), "01ABCDEF");
  t.equal(message.to.uri.user, "alice");
  message.to = message.from;
  t.equal(message.to, message.from, "assignment replaces the lazy field");
  const tel = parseSipMessage(OPTIONS.replace("sip:cas01.tukwila.contoso.com:5061;transport=tls", "tel:+14255550100")) as Core.IncomingRequestMessage;
  t.notOk(hasField(tel, "ruri"), "a tel: Request-URI is no SIP URI (sip.js leaves ruri undefined)");
  const noFrom = parseSipMessage(fill(OPTIONS, ["1", "a", "b", "c"]).replace(/From: [^\r]*\r\n/, "")) as Core.IncomingRequestMessage;
  t.notOk(hasField(noFrom, "from"));
});

t.test("edge cases decided as sip.js decides them", async (t) => {
  const base = fill(OPTIONS, ["1", "a", "b", "c"]);
  const cases: Record<string, [RegExp | string, string]> = {
    "a To tag without a value": ["To: <sip:cas01.tukwila.contoso.com>", "To: <sip:cas01.tukwila.contoso.com>;tag"],
    "two From tags": ["tag=a", "tag=a;tag=b"],
    "a tag inside the URI": ["To: <sip:cas01.tukwila.contoso.com>", "To: <sip:cas01.tukwila.contoso.com;tag=1>"],
    "a param value that says tag": ["tag=a", "tag=a;x=tagged"],
    "a tag value that says tag (SIPp's)": ["tag=a", "tag=1SIPpTag01"],
    "a param named tag-like": ["tag=a", "tag=a;tagx=1;x-tag=2"],
    "a tag without a value after one with": ["tag=a", "tag=a; TAG"],
    "a branch value that says branch": ["branch=z9hG4bK1", "branch=z9hG4bK-branch-1"],
    "a Via param named branch-like": ["branch=z9hG4bK1", "branch=z9hG4bK1;branchx;x=branch"],
    "a Via branch without a value after one with": ["branch=z9hG4bK1", "branch=z9hG4bK1;branch"],
    "a quoted display name with angle brackets": ["From: <sip", 'From: "a<b>" <sip'],
    "a quoted param after the URI": ["tag=a", 'tag=a;x="y;tag=z"'],
    "a From without angle brackets": ["From: <sip:bench@pool01.contoso.com>;tag=a", "From: sip:bench@pool01.contoso.com;tag=a"],
    "a tag that is no token": ["tag=a", "tag=a/b"],
    "an empty tag": ["tag=a", "tag="],
    "two branches": ["branch=z9hG4bK1", "branch=z9hG4bK1;branch=2"],
    "no branch": [";branch=z9hG4bK1", ""],
    "a Via with two via-parms": ["branch=z9hG4bK1", "branch=z9hG4bK1, SIP/2.0/TCP h;branch=2"],
    "a Via branch that is no token": ["branch=z9hG4bK1", "branch=z9hG4bK1/2"],
    "a Via without a transport": ["SIP/2.0/TLS 127.0.0.1:5061", "SIP/2.0 127.0.0.1:5061"],
    "a Via port past 65535": ["127.0.0.1:5061", "127.0.0.1:650610"],
    "a Call-ID with a space": ["Call-ID: c", "Call-ID: c d"],
    "a Call-ID with two @": ["Call-ID: c", "Call-ID: c@d@e"],
    "a CSeq method that extends a known one": ["CSeq: 1 OPTIONS", "CSeq: 1 OPTIONSX"],
    "an extension CSeq method": ["CSeq: 1 OPTIONS", "CSeq: 1 INFO"],
    "a CSeq without a number": ["CSeq: 1 OPTIONS", "CSeq: x OPTIONS"],
    "a long CSeq number": ["CSeq: 1 OPTIONS", "CSeq: 123456789012345678901234 OPTIONS"],
    "a Content-Length that is no number": ["Content-Length: 0", "Content-Length: zero"],
    "a Max-Forwards that is no number": ["Max-Forwards: 70", "Max-Forwards: -1"],
    "a Content-Type of another kind": ["Accept: application/sdp", "Content-Type: textx/plain"],
    "a Content-Type in capitals": ["Accept: application/sdp", "Content-Type: APPLICATION/SDP"],
    "a folded header": ["To: <sip:cas01.tukwila.contoso.com>", "To:\r\n <sip:cas01.tukwila.contoso.com>"],
    "a header without a colon": ["Accept: application/sdp", "Accept application/sdp"],
    "a request line with an unknown version": ["SIP/2.0\r\nVia", "SIP/3\r\nVia"],
    "a request line with two spaces": ["OPTIONS sip", "OPTIONS  sip"],
    "no end of headers": ["\r\n\r\n", "\r\n"],
    "a status line": ["OPTIONS sip:cas01.tukwila.contoso.com:5061;transport=tls SIP/2.0", "SIP/2.0 200 OK"],
    "a broken status line": ["OPTIONS sip:cas01.tukwila.contoso.com:5061;transport=tls SIP/2.0", "SIP/2.0 2000 OK"],
    "a second From": ["Call-ID", "From: Bob <sip:b@c>;tag=q\r\nCall-ID"],
    "a second From the memo does not take": ["Call-ID", "From: sip:b@c;tag=q\r\nCall-ID"],
    "a Contact": ["Accept", "Contact: <sip:a@b>, <sip:c@d>;q=0.5\r\nAccept"],
    "a broken Contact": ["Accept", "Contact: <sip:a@b\r\nAccept"],
  };
  for (const [what, [from, to]] of Object.entries(cases)) {
    const text = base.replace(from, to);
    t.not(text, base, `${what}: the case changes the message`);
    same(t, text, what);
  }
});

t.test("random damage to real messages: the same verdict and fields as sip.js", async (t) => {
  // A deterministic generator (the same damage on every run), damage where the parser reads: the header section.
  let seed = 12345;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const alphabet = [";tag", ";branch", "Tag", ";", "=", "<", ">", '"', "@", ":", ",", " ", "\t", "/", "%", "!", "x", "1", "tag", "branch", "\r\n", "\r\n ", "?", "&", "[", "]", "*", "'", "SIP", "INVITE"];
  let differences = 0;
  let tried = 0;
  for (const template of [INVITE, OPTIONS, BYE]) {
    for (let round = 0; round < 300; round += 1) {
      let damaged = template;
      for (let edits = 1 + random(3); edits > 0; edits -= 1) {
        const end = damaged.indexOf("\r\n\r\n");
        const at = random(Math.max(1, end));
        const piece = alphabet[random(alphabet.length)] as string;
        const cut = random(3);
        damaged = damaged.slice(0, at) + (random(2) === 0 ? piece : "") + damaged.slice(at + cut);
      }
      for (const tokens of TOKENS) {
        const text = fill(damaged, tokens);
        tried += 1;
        if (JSON.stringify(facts(parseSipMessage(text))) !== JSON.stringify(facts(Core.Parser.parseMessage(text, quiet)))) {
          differences += 1;
          same(t, text, `damaged: ${JSON.stringify(text.slice(0, 400))}`);
        }
      }
    }
  }
  t.equal(differences, 0, `${tried} damaged messages parsed as sip.js parses them`);
});
