import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import t from "tap";
import { Core } from "sip.js";

// patches/sip.js+0.21.2.patch (applied by `patch-package` on install) makes sip.js's generated grammar build its
// decoded bytecode table once instead of on every parse: 47 % of the lab's CPU went there (bench/lab-load.ts).
const quiet = { error() {}, warn() {}, log() {}, debug() {} } as unknown as Parameters<typeof Core.Parser.parseMessage>[1];

t.test("the grammar patch is applied to the installed sip.js", async (t) => {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("sip.js/package.json"));
  const grammar = await readFile(join(root, "lib/grammar/pegjs/dist/grammar.js"), "utf8");
  t.match(grammar, /const peg\$bytecode = peg\$bytecodeCache \|\| \(peg\$bytecodeCache = \[/, "run npm ci (postinstall: patch-package)");
});

t.test("parsing gives the same result on first and later calls (the cached table is not per-call state)", async (t) => {
  const text =
    "INVITE sip:alice@contoso.com;opaque=app:voicemail SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK1\r\n" +
    'From: "Pool" <sip:exum@pool01.contoso.com>;tag=a\r\nTo: <sip:alice@contoso.com>\r\nCall-ID: 1\r\nCSeq: 1 INVITE\r\n' +
    "Contact: <sip:exum@127.0.0.1:40000;transport=tls>\r\nContent-Length: 0\r\n\r\n";
  const first = Core.Parser.parseMessage(text, quiet) as Core.IncomingRequestMessage;
  const again = Core.Parser.parseMessage(text, quiet) as Core.IncomingRequestMessage;
  t.equal(first.ruri?.toString(), "sip:alice@contoso.com;opaque=app:voicemail");
  t.equal(again.ruri?.toString(), first.ruri?.toString());
  t.equal(again.from.uri.toString(), "sip:exum@pool01.contoso.com");
  t.equal(again.fromTag, "a");
  t.equal(Core.Parser.parseMessage("not sip at all\r\n\r\n", quiet), undefined);
});
