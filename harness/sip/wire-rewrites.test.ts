import t from "tap";
import { rewriteInbound, rewriteOutbound } from "./wire-rewrites.js";

const request = "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1\r\nVia: SIP/2.0/TLS b;branch=2\r\n\r\n";

t.test("outbound: our port is added to the top Via of requests only", async (t) => {
  t.equal(
    rewriteOutbound(request, { viaPort: 40000 }),
    "OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1:40000;branch=z9hG4bK1\r\nVia: SIP/2.0/TLS b;branch=2\r\n\r\n",
  );
  t.equal(rewriteOutbound(request, {}), request);
  const response = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS a;branch=1\r\n\r\n";
  t.equal(rewriteOutbound(response, { viaPort: 1 }), response);
  t.equal(rewriteOutbound("BYE sip:x SIP/2.0\r\nCall-ID: 1\r\n\r\n", { viaPort: 1 }), "BYE sip:x SIP/2.0\r\nCall-ID: 1\r\n\r\n");
});

t.test("inbound: the port is stripped from a response's top Via, received/rport kept", async (t) => {
  const response =
    "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS 127.0.0.1:40000;branch=z9hG4bK1;rport=40000;received=127.0.0.1\r\n" +
    "Via: SIP/2.0/TLS b:5061;branch=2\r\nContent-Length: 0\r\n\r\n";
  t.equal(
    rewriteInbound(response),
    "SIP/2.0 200 OK\r\nv: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK1;rport=40000;received=127.0.0.1\r\n" +
      "Via: SIP/2.0/TLS b:5061;branch=2\r\nContent-Length: 0\r\n\r\n",
  );
  const v6 = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP [::1]:5060;branch=1\r\n\r\n";
  t.equal(rewriteInbound(v6), "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP [::1];branch=1\r\n\r\n");
});

t.test("inbound: requests keep their Via ports", async (t) => {
  const bye = "BYE sip:a SIP/2.0\r\nVia: SIP/2.0/TLS peer:5061;branch=1\r\n\r\n";
  t.equal(rewriteInbound(bye), bye);
});

t.test("inbound: SDP content types are normalised, others kept", async (t) => {
  const odd = "SIP/2.0 200 OK\r\nContent-Type: Application/SDP; charset=UTF-8\r\nContent-Length: 3\r\n\r\nv=0";
  t.equal(rewriteInbound(odd), "SIP/2.0 200 OK\r\nContent-Type: application/sdp\r\nContent-Length: 3\r\n\r\nv=0");
  const compact = "SIP/2.0 200 OK\r\nc: application/sdp;charset=utf-8\r\n\r\n";
  t.equal(rewriteInbound(compact), "SIP/2.0 200 OK\r\nContent-Type: application/sdp\r\n\r\n");
  const other = "SIP/2.0 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
  t.equal(rewriteInbound(other), other);
  t.equal(rewriteInbound("garbage"), "garbage");
});
