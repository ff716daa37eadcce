// The floor bench/startup.ts measures one `exum options` against: the same exchange in plain Node, nothing loaded but
// node:tls — a mutual-TLS connection presenting the pool's certificate, one hand-written OPTIONS, the answer's status
// line printed. Usage: node bench/bare-options.mjs <address> <port> <fqdn> <chain.pem> <key.pem> <root-ca.pem>
import { readFileSync } from "node:fs";
import { connect } from "node:tls";

const [host, port, fqdn, cert, key, ca] = process.argv.slice(2);
const socket = connect({ host, port: Number(port), servername: fqdn, cert: readFileSync(cert), key: readFileSync(key), ca: readFileSync(ca) }, () => {
  const branch = `z9hG4bK${process.pid}${Date.now().toString(36)}`;
  const request = [`OPTIONS sip:${fqdn}:${port};transport=tls SIP/2.0`, `Via: SIP/2.0/TLS ${socket.localAddress}:${socket.localPort};branch=${branch}`, "Max-Forwards: 70"];
  request.push("From: <sip:bench@pool01.contoso.com>;tag=b1", `To: <sip:${fqdn}>`, `Call-ID: ${branch}@bench`, "CSeq: 1 OPTIONS", "Content-Length: 0", "", "");
  socket.write(request.join("\r\n"));
});
let answer = "";
socket.setTimeout(8000, () => socket.destroy(new Error("no answer within 8 s")));
socket.on("data", (chunk) => {
  answer += chunk.toString("latin1");
  if (answer.includes("\r\n\r\n")) socket.end(() => console.log(answer.slice(0, answer.indexOf("\r\n"))));
});
socket.on("error", (error) => {
  console.error(error.message);
  process.exitCode = 1;
});
