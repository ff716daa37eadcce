/**
 * Opens exum's captures with the real tshark (docs/peers.md: tshark 4.0): SIP over TLS 1.3 and TLS 1.2 must read in
 * clear from the file alone — the key log is inside, as a Decryption Secrets Block — and the RTP must list as RTP.
 * Everything runs on 127.0.0.1; every process has a timeout. Run with `npm run test:interop` (EXUM_INTEROP=1).
 */
import { execFile } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { connect as netConnect, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { Duplex } from "node:stream";
import { connect as tlsConnect, createServer as createTlsServer, type SecureVersion } from "node:tls";
import t, { type Test } from "tap";
import { interopEnabled, interopTest } from "../testing/interop-test.js";
import { tempDir } from "../testing/temp-dir.js";
import { createCaptureRecorder, type CaptureRecorder, type TcpFlowRecorder } from "./capture-recorder.js";
import { writeCapture } from "./write-capture.js";

const LOOPBACK = "127.0.0.1";
const TIMEOUT_MS = 20_000;

if (!interopEnabled()) t.comment("interop tests skipped: run `npm run test:interop` (EXUM_INTEROP=1)");

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool to completion (killed after 20 s); a non-zero exit rejects with its stderr. */
function run(command: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** tshark on `file` with no key log file of its own, checksums checked, so only the file's DSB can decrypt. */
function tshark(file: string, args: readonly string[]): Promise<string> {
  const clean = ["-o", "tls.keylog_file:", "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"];
  return run("tshark", ["-n", "-r", file, ...clean, ...args]).then((result) => result.stdout);
}

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Certificate {
  readonly keyPem: Buffer;
  readonly certPem: Buffer;
}

async function selfSigned(dir: string): Promise<Certificate> {
  const keyPath = join(dir, "key.pem");
  const certPath = join(dir, "cert.pem");
  await run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj", "/CN=localhost", "-days", "1", "-keyout", keyPath, "-out", certPath]);
  return { keyPem: await readFile(keyPath), certPem: await readFile(certPath) };
}

const OPTIONS_REQUEST = [
  "OPTIONS sip:um.lab.test SIP/2.0",
  "Via: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK-exum-1",
  "Max-Forwards: 70",
  "From: <sip:exum@lab.test>;tag=exum1",
  "To: <sip:um.lab.test>",
  "Call-ID: capture-interop-1",
  "CSeq: 1 OPTIONS",
  "Content-Length: 0",
  "",
  "",
].join("\r\n");

function okResponse(request: string): string {
  const headers = request.split("\r\n").filter((line) => /^(Via|From|To|Call-ID|CSeq):/i.test(line));
  return ["SIP/2.0 200 OK", ...headers.map((line) => (line.startsWith("To:") ? `${line};tag=uas1` : line)), "Content-Length: 0", "", ""].join("\r\n");
}

/** A TLS server answering one SIP request per connection with 200 OK. */
async function startSipTlsServer(t: Test, certificate: Certificate, version: SecureVersion): Promise<number> {
  const server = createTlsServer({ key: certificate.keyPem, cert: certificate.certPem, minVersion: version, maxVersion: version }, (socket) => {
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString("latin1");
      if (text.includes("\r\n\r\n")) socket.write(okResponse(text));
    });
    socket.on("error", () => undefined);
  });
  server.listen(0, LOOPBACK);
  await within(once(server, "listening"), "TLS server listening");
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/**
 * A duplex over the raw TCP socket that shows the flow every octet written and read — the TLS records, as they are
 * on the wire. (node:tls reads a bare net.Socket's handle natively, so its `data` events would never fire; see
 * harness/tls/tapped-socket.ts.)
 */
function recordingDuplex(raw: Socket, flow: TcpFlowRecorder): Duplex {
  const duplex = new Duplex({
    read: () => raw.resume(),
    write: (chunk: Buffer, _encoding, callback) => {
      flow.sent(chunk);
      raw.write(chunk, callback);
    },
    final: (callback) => raw.end(() => callback()),
    destroy: (error, callback) => {
      raw.destroy();
      callback(error);
    },
  });
  raw.on("data", (chunk: Buffer) => {
    flow.received(chunk);
    if (!duplex.push(chunk)) raw.pause();
  });
  raw.on("end", () => duplex.push(null));
  raw.on("error", (error) => duplex.destroy(error));
  return duplex;
}

/** Sends OPTIONS over TLS `version` to `port`, recording the connection and its key log; resolves with the answer. */
async function optionsOverTls(recorder: CaptureRecorder, port: number, version: SecureVersion, keyLog: boolean): Promise<string> {
  const raw = netConnect(port, LOOPBACK);
  await within(once(raw, "connect"), "TCP connect");
  const flow = recorder.tcpFlow({ address: raw.localAddress ?? LOOPBACK, port: raw.localPort ?? 0 }, { address: raw.remoteAddress ?? LOOPBACK, port: raw.remotePort ?? port });
  const closed = once(raw, "close");
  const socket = tlsConnect({ socket: recordingDuplex(raw, flow), servername: "localhost", rejectUnauthorized: false, minVersion: version, maxVersion: version });
  if (keyLog) socket.on("keylog", (line: Buffer) => recorder.keyLog(line.toString("latin1")));
  await within(once(socket, "secureConnect"), "TLS handshake");
  socket.write(OPTIONS_REQUEST);
  const answer = await within(
    new Promise<string>((resolve, reject) => {
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("latin1");
        if (text.includes("\r\n\r\n")) resolve(text);
      });
      socket.once("error", reject);
    }),
    "SIP answer",
  );
  socket.end();
  await within(closed, "connection closed");
  flow.close();
  return answer;
}

function rtpPacket(sequence: number): Buffer {
  const packet = Buffer.alloc(12 + 160, 0xff); // PCMU silence
  packet.writeUInt8(0x80, 0); // V=2
  packet.writeUInt8(0, 1); // M=0, PT=0 (PCMU)
  packet.writeUInt16BE(sequence, 2);
  packet.writeUInt32BE(sequence * 160, 4);
  packet.writeUInt32BE(0x0e0a1234, 8);
  return packet;
}

async function bindUdp(t: Test): Promise<UdpSocket> {
  const socket = createSocket("udp4");
  socket.bind(0, LOOPBACK);
  await within(once(socket, "listening"), "UDP bind");
  t.teardown(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return socket;
}

/** Sends `count` RTP packets between two real UDP sockets, recording each as received (and a "decrypted" copy). */
async function rtpOverUdp(t: Test, recorder: CaptureRecorder, count: number): Promise<number> {
  const [sender, receiver] = await Promise.all([bindUdp(t), bindUdp(t)]);
  const to = { address: LOOPBACK, port: receiver.address().port };
  const received = within(
    new Promise<void>((resolve) => {
      let seen = 0;
      receiver.on("message", (message, rinfo) => {
        recorder.udp({ address: rinfo.address, port: rinfo.port }, to, message);
        recorder.decryptedRtp({ address: rinfo.address, port: rinfo.port }, to, message);
        seen += 1;
        if (seen === count) resolve();
      });
    }),
    "RTP received",
  );
  for (let sequence = 1; sequence <= count; sequence += 1) sender.send(rtpPacket(sequence), to.port, LOOPBACK);
  await received;
  return to.port;
}

const lines = (text: string): string[] => text.split("\n").map((line) => line.trim()).filter((line) => line !== "");

let certificate: Promise<Certificate> | undefined;

for (const [label, version] of [["TLS 1.3", "TLSv1.3"], ["TLS 1.2", "TLSv1.2"]] as const) {
  interopTest(`tshark shows SIP over ${label} and the RTP from the capture alone`, ["tshark", "openssl"], async (t) => {
    const dir = await tempDir(t, "exum-capture-");
    certificate ??= selfSigned(dir);
    const port = await startSipTlsServer(t, await certificate, version);
    const recorder = createCaptureRecorder();
    const answer = await optionsOverTls(recorder, port, version, true);
    t.match(answer, /^SIP\/2\.0 200 OK\r\n/);
    const rtpPort = await rtpOverUdp(t, recorder, 3);
    const file = join(dir, "call.pcapng");
    await writeCapture(file, recorder);

    const sip = await tshark(file, ["-d", `tls.port==${port},sip`, "-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Status-Code"]);
    t.same(lines(sip), ["OPTIONS", "200"], "the request and its answer, decrypted with the embedded key log");

    const versionSeen = await tshark(file, ["-Y", "tls.handshake.type == 2", "-T", "fields", "-e", "tls.handshake.extensions.supported_version", "-e", "tls.handshake.version"]);
    t.match(versionSeen, version === "TLSv1.3" ? /0x0304/ : /0x0303/, `the handshake is ${label}`);

    const rtp = await tshark(file, ["-d", `udp.port==${rtpPort},rtp`, "-Y", "rtp", "-T", "fields", "-e", "frame.interface_id", "-e", "rtp.p_type", "-e", "rtp.seq"]);
    t.same(lines(rtp), ["0\t0\t1", "1\t0\t1", "0\t0\t2", "1\t0\t2", "0\t0\t3", "1\t0\t3"], "3 RTP packets on the wire, 3 decrypted on interface 1");

    const bad = await tshark(file, ["-Y", "ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0 || tcp.analysis.flags || _ws.malformed || _ws.expert.severity >= warning"]);
    t.same(lines(bad), [], "no bad checksum, TCP analysis warning or malformed packet");

    const withoutKeys = createCaptureRecorder();
    await optionsOverTls(withoutKeys, port, version, false);
    const controlFile = join(dir, "no-keys.pcapng");
    await writeCapture(controlFile, withoutKeys);
    t.same(lines(await tshark(controlFile, ["-d", `tls.port==${port},sip`, "-Y", "sip"])), [], "control: without the DSB tshark sees no SIP");
  });
}

interopTest("tshark reassembles a SIP message split over TCP segments of at most 65000 octets", ["tshark"], async (t) => {
  const dir = await tempDir(t, "exum-capture-");
  const recorder = createCaptureRecorder();
  const flow = recorder.tcpFlow({ address: "::1", port: 40001 }, { address: "::1", port: 5060 });
  const body = "x".repeat(150_000);
  flow.sent(Buffer.from(`MESSAGE sip:um.lab.test SIP/2.0\r\nVia: SIP/2.0/TCP [::1]:40001;branch=z9hG4bK-big\r\nMax-Forwards: 70\r\nFrom: <sip:exum@lab.test>;tag=1\r\nTo: <sip:um.lab.test>\r\nCall-ID: big\r\nCSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`));
  flow.close();
  const file = join(dir, "big.pcapng");
  await writeCapture(file, recorder);
  const sip = await tshark(file, ["-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Content-Length", "-e", "tcp.reassembled.length"]);
  const [method, contentLength, reassembled, ...more] = lines(sip).flatMap((line) => line.split("\t"));
  t.same([method, contentLength, more], ["MESSAGE", String(body.length), []], "one SIP message");
  t.ok(Number(reassembled) > 150_000, `reassembled from several segments (${reassembled} octets)`);
  const sizes = lines(await tshark(file, ["-Y", "tcp.len > 0", "-T", "fields", "-e", "ipv6.plen"])).map(Number);
  t.ok(sizes.length >= 3 && sizes.every((size) => size + 40 <= 65_000), `segments: ${sizes.join(", ")}`);
});
