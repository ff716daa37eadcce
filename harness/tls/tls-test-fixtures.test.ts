/**
 * Shared test fixtures for harness/tls: a throwaway lab PKI (harness/pki), loopback servers (node:tls, raw
 * scripted TCP, `openssl s_server`) and the RFC 8448 vectors. Named `*.test.ts` because test support may import
 * harness/pki and production code may not (the layer check tells them apart by that suffix); its own self-test runs
 * only when tap runs this file, not when another test imports it.
 *
 * Every server listens on 127.0.0.1, port 0, and every wait is bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as tls from "node:tls";
import { fileURLToPath } from "node:url";
import t from "tap";
import { createRootCa } from "../pki/create-root-ca.js";
import { issueCertificate } from "../pki/issue-certificate.js";
import type { TlsIdentity } from "./tls-identity.js";

export const LOOPBACK = "127.0.0.1";
export const SERVER_NAME = "um01.lab.exum.test";
export const CLIENT_NAME = "pool01.lab.exum.test";

export interface LabPki {
  caPem: string;
  otherCaPem: string;
  /** Server identity (chain: leaf + root) issued by the lab CA for SERVER_NAME. */
  server: TlsIdentity;
  /** Client identity issued by the lab CA for CLIENT_NAME. */
  client: TlsIdentity;
  /** Client identity issued by another CA. */
  foreignClient: TlsIdentity;
  expiredServer: TlsIdentity;
  selfSignedServer: TlsIdentity;
  /** Issued by the lab CA for another host name. */
  wrongNameServer: TlsIdentity;
  /** Issued by the other CA for SERVER_NAME. */
  foreignServer: TlsIdentity;
}

let pki: LabPki | undefined;

/** The lab PKI, made once per test process. */
export function labPki(): LabPki {
  if (pki !== undefined) return pki;
  const ca = createRootCa({ commonName: "exum TLS test root" });
  const other = createRootCa({ commonName: "exum other root" });
  const identity = (issued: { chainPem: string; keyPem: string }, label: string): TlsIdentity => ({
    certPem: issued.chainPem,
    keyPem: issued.keyPem,
    label,
  });
  pki = {
    caPem: ca.certPem,
    otherCaPem: other.certPem,
    server: identity(issueCertificate(ca, { commonName: SERVER_NAME, dnsNames: [SERVER_NAME] }), "server"),
    client: identity(issueCertificate(ca, { commonName: CLIENT_NAME, dnsNames: [CLIENT_NAME] }), "client"),
    foreignClient: identity(issueCertificate(other, { commonName: CLIENT_NAME, dnsNames: [CLIENT_NAME] }), "foreign client"),
    expiredServer: identity(
      issueCertificate(ca, { commonName: SERVER_NAME, dnsNames: [SERVER_NAME], validity: { notBeforeDays: -30, notAfterDays: -1 } }),
      "expired server",
    ),
    selfSignedServer: identity(issueCertificate(ca, { commonName: SERVER_NAME, dnsNames: [SERVER_NAME], selfSigned: true }), "self-signed"),
    wrongNameServer: identity(issueCertificate(ca, { commonName: "other.lab.exum.test", dnsNames: ["other.lab.exum.test"] }), "wrong name"),
    foreignServer: identity(issueCertificate(other, { commonName: SERVER_NAME, dnsNames: [SERVER_NAME] }), "foreign server"),
  };
  return pki;
}

/** Rejects after `ms` so no test waits forever. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface LoopbackTlsServer {
  port: number;
  /** Sockets that completed the handshake, in order. */
  secured: tls.TLSSocket[];
  /** Errors of handshakes that failed on the server side. */
  clientErrors: Error[];
  close(): Promise<void>;
}

/** A node:tls server on 127.0.0.1:0; `onSecure` runs per accepted connection (default: keep it open). */
export async function startTlsServer(
  options: tls.TlsOptions,
  onSecure: (socket: tls.TLSSocket) => void = () => undefined,
): Promise<LoopbackTlsServer> {
  const secured: tls.TLSSocket[] = [];
  const clientErrors: Error[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer(options, (socket) => {
    socket.on("error", () => undefined);
    secured.push(socket);
    onSecure(socket);
  });
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("tlsClientError", (error) => clientErrors.push(error));
  await within(new Promise<void>((done) => server.listen(0, LOOPBACK, done)), 5000, "tls server listen");
  return {
    port: (server.address() as net.AddressInfo).port,
    secured,
    clientErrors,
    close: () =>
      within(
        new Promise<void>((done) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => done());
        }),
        5000,
        "tls server close",
      ),
  };
}

export interface LoopbackTcpServer {
  port: number;
  accepted: net.Socket[];
  close(): Promise<void>;
}

/** A raw TCP server on 127.0.0.1:0 whose behaviour is scripted per connection. */
export async function startTcpServer(onConnection: (socket: net.Socket) => void): Promise<LoopbackTcpServer> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((socket) => {
    socket.on("error", () => undefined);
    accepted.push(socket);
    onConnection(socket);
  });
  await within(new Promise<void>((done) => server.listen(0, LOOPBACK, done)), 5000, "tcp server listen");
  return {
    port: (server.address() as net.AddressInfo).port,
    accepted,
    close: () =>
      within(
        new Promise<void>((done) => {
          for (const socket of accepted) socket.destroy();
          server.close(() => done());
        }),
        5000,
        "tcp server close",
      ),
  };
}

/**
 * A server that answers the ClientHello with one plaintext fatal alert: "struct { AlertLevel level;
 * AlertDescription description; } Alert" (RFC 8446 §6), in a record of type 21. OpenSSL reports it as it would a
 * real server's (`SSL alert number N`).
 */
export function startAlertServer(alert: number): Promise<LoopbackTcpServer> {
  return startTcpServer((socket) => {
    socket.once("data", () => socket.end(Buffer.from([21, 3, 3, 0, 2, 2, alert])));
  });
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await within(new Promise<void>((done) => server.listen(0, LOOPBACK, done)), 5000, "listen");
  const { port } = server.address() as net.AddressInfo;
  await within(new Promise<void>((done) => server.close(() => done())), 5000, "close");
  return port;
}

export const OPENSSL = "/usr/bin/openssl";

export interface OpenSslServer {
  port: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `openssl s_server` on 127.0.0.1 — a strict, non-Node TLS server (it sends unknown_ca for a client certificate
 * from another CA, where a Node server just closes). Its port is one the system just gave us (s_server buffers its
 * "ACCEPT" line when stdout is a pipe); readiness is a bounded connect poll. Files are written 0600 to a temp
 * folder removed on stop; the process is stopped by its own PID, also when it fails to start.
 */
export async function startOpenSslServer(files: Record<string, string>, args: (dir: string) => string[]): Promise<OpenSslServer> {
  const dir = mkdtempSync(join(tmpdir(), "exum-tls-"));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
  const port = await closedPort();
  const child: ChildProcess = spawn(OPENSSL, ["s_server", "-accept", `${LOOPBACK}:${port}`, ...args(dir)], {
    cwd: dir,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.on("error", (error) => (output += String(error)));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      process.kill(child.pid, "SIGTERM");
      await within(exited, 5000, "openssl s_server stop").catch(() => undefined);
    }
    child.stdin?.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = performance.now() + 10000;
  for (;;) {
    const up = await new Promise<boolean>((done) => {
      const probe = net.connect(port, LOOPBACK);
      probe.once("connect", () => {
        probe.destroy();
        done(true);
      });
      probe.once("error", () => done(false));
    });
    if (up) break;
    if (child.exitCode !== null || performance.now() > deadline) {
      await stop();
      throw new Error(`openssl s_server did not start: ${output}`);
    }
    await new Promise((done) => setTimeout(done, 20));
  }
  return { port, output: () => output, stop };
}

export const hasOpenSsl = existsSync(OPENSSL);

/** Hex with spaces and newlines (as RFCs print it) → bytes. */
export function hex(text: string): Buffer {
  return Buffer.from(text.replace(/[^0-9a-fA-F]/g, ""), "hex");
}

/**
 * RFC 8448 §3 "Simple 1-RTT Handshake": the server's plaintext ServerHello record, its encrypted handshake record
 * (EncryptedExtensions, Certificate, CertificateVerify, Finished — no CertificateRequest) and the secrets.
 */
export const RFC8448 = {
  clientRandom: "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7",
  serverHandshakeTrafficSecret: hex(`b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4
    e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38`),
  serverHandshakeKey: hex("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc"),
  serverHandshakeIv: hex("5d 31 3e b2 67 12 76 ee 13 00 0b 30"),
  keyInfo: hex("00 10 09 74 6c 73 31 33 20 6b 65 79 00"),
  ivInfo: hex("00 0c 08 74 6c 73 31 33 20 69 76 00"),
  clientHandshakeTrafficSecret: hex(`b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f
    3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21`),
  clientHandshakeKey: hex("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01"),
  clientHandshakeIv: hex("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f"),
  serverHelloRecord: hex(`16 03 03 00 5a 02 00 00 56 03 03 a6
    af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14
    34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00
    1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6
    cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04`),
  serverHandshakeRecord: hex(`17 03 03 02 a2 d1 ff 33 4a 56 f5 bf
    f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7 f3 3a f3 5e df
    78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45
    cb 96 0b 40 68 90 51 23 ea 78 b1 11 b4 29 ba 91 91 cd 05 d2 a3
    89 28 0f 52 61 34 aa dc 7f c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b
    d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79 02 07 16 cf b9
    b1 18 3e f3 ab 20 e3 7d 57 a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf
    51 42 73 25 25 0c 7d 0e 50 92 89 44 4c 9b 3a 64 8f 1d 71 03 5d
    2e d6 5b 0e 3c dd 0c ba e8 bf 2d 0b 22 78 12 cb b3 60 98 72 55
    cc 74 41 10 c4 53 ba a4 fc d6 10 92 8d 80 98 10 e4 b7 ed 1a 8f
    d9 91 f0 6a a6 24 82 04 79 7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6
    86 94 5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac
    66 27 2f d8 fb 33 0e f8 19 05 79 b3 68 45 96 c9 60 bd 59 6e ea
    52 0a 56 a8 d6 50 f5 63 aa d2 74 09 96 0d ca 63 d3 e6 88 61 1e
    a5 e2 2f 44 15 cf 95 38 d5 1a 20 0c 27 03 42 72 96 8a 26 4e d6
    54 0c 84 83 8d 89 f7 2c 24 46 1a ad 6d 26 f5 9e ca ba 9a cb bb
    31 7b 66 d9 02 f4 f2 92 a3 6a c1 b6 39 c6 37 ce 34 31 17 b6 59
    62 22 45 31 7b 49 ee da 0c 62 58 f1 00 d7 d9 61 ff b1 38 64 7e
    92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af
    36 87 90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37
    8b f3 02 44 da 8c 87 c8 43 f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c
    f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4 61 e6 6f 99 88
    2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80
    f8 5d f8 81 ed be 5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69
    18 a3 96 fa 48 a1 81 d6 b6 fa 4f 9d 62 d5 13 af bb 99 2f 2b 99
    2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca 01 e0 c6 5d 11
    c6 6a 1e 2a c4 c8 59 77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51
    56 14 63 6c 0b 9b 68 c1 9e d2 e3 1c 0b 3b 66 76 30 38 eb ba 42
    f3 b3 8e dc 03 99 f3 a9 f2 3f aa 63 97 8c 31 7f c9 fa 66 a7 3f
    60 f0 50 4d e9 3b 5b 84 5e 27 55 92 c1 23 35 ee 34 0b bc 4f dd
    d5 02 78 40 16 e4 b3 be 7e f0 4d da 49 f4 b4 40 a3 0c b5 d2 af
    93 98 28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 19 bf da
    bf 02 53 fe 51 75 be 89 8e 75 0e dc 53 37 0d 2b`),
  /** The start of the decrypted handshake: EncryptedExtensions (type 8, 0x24 bytes). */
  encryptedExtensions: hex(`08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04
    00 1c 00 02 40 01 00 00 00 00`),
  /** The end of it: Finished (type 20, 32 bytes of verify_data). */
  finished: hex(`14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c 30 95 72 cb 7f ff ee 54
    54 b7 8f 07 18`),
};

/** The key log line OpenSSL would write for RFC8448's server handshake secret. */
export function rfc8448KeylogLine(): Buffer {
  return Buffer.from(`SERVER_HANDSHAKE_TRAFFIC_SECRET ${RFC8448.clientRandom} ${RFC8448.serverHandshakeTrafficSecret.toString("hex")}\n`);
}

const runAsMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (runAsMain) {
  t.test("the lab PKI chains as the tests assume", async (t) => {
    const { caPem, server, foreignServer } = labPki();
    const root = new X509Certificate(caPem);
    t.ok(new X509Certificate(server.certPem).checkIssued(root));
    t.notOk(new X509Certificate(foreignServer.certPem).checkIssued(root));
  });
  t.test("startAlertServer sends the alert it was given", async (t) => {
    const server = await startAlertServer(48);
    t.teardown(() => server.close());
    const socket = tls.connect({ host: LOOPBACK, port: server.port, rejectUnauthorized: false });
    const error = await within(new Promise<Error>((done) => socket.once("error", done)), 5000, "alert");
    socket.destroy();
    t.match(error.message, /SSL alert number 48/);
  });
}
