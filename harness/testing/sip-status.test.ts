import t from "tap";
import { firstFinalReply, headerValue } from "./sip-status.js";

const transcript =
  "CONNECTION ESTABLISHED\nProtocol version: TLSv1.3\n" +
  "SIP/2.0 100 Trying\r\nVia: x\r\n\r\n" +
  "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 127.0.0.1:9\r\nx-peer-cn:  um.lab.test; verified=1 \r\nContent-Length: 0\r\n\r\n" +
  "SIP/2.0 486 Busy Here\r\n\r\n";

t.test("firstFinalReply skips provisional responses and stops at the blank line", async (t) => {
  const reply = firstFinalReply(transcript);
  t.equal(reply?.status, 200);
  t.equal(reply?.reason, "OK");
  t.notMatch(reply?.text ?? "", /486/);
  t.equal(firstFinalReply("SIP/2.0 180 Ringing\r\n\r\n"), undefined);
  t.equal(firstFinalReply("no SIP here"), undefined);
  t.equal(firstFinalReply("SIP/2.0 403 TLS required\r\nServer: k")?.text, "SIP/2.0 403 TLS required\nServer: k", "unterminated");
});

t.test("headerValue is case-insensitive and trims", async (t) => {
  const reply = firstFinalReply(transcript);
  t.equal(headerValue(reply, "X-Peer-CN"), "um.lab.test; verified=1");
  t.equal(headerValue(reply, "X-Peer-TLS"), undefined);
  t.equal(headerValue(undefined, "Via"), undefined);
});
