import { connect, type Socket } from "node:net";
import t from "tap";
import { TappedSocket } from "./tapped-socket.js";
import { LOOPBACK, startTcpServer, within } from "./tls-test-fixtures.test.js";

async function connected(port: number): Promise<Socket> {
  const socket = connect(port, LOOPBACK);
  await within(new Promise((done) => socket.once("connect", done)), 5000, "connect");
  return socket;
}

t.test("bytes flow both ways; the tap sees what was read, until untapped", async (t) => {
  const server = await startTcpServer((socket) => socket.on("data", (chunk) => socket.write(chunk)));
  t.teardown(() => server.close());
  const seen: Buffer[] = [];
  const tapped = new TappedSocket(await connected(server.port), (chunk) => seen.push(chunk));
  const echo = (text: string) =>
    within(
      new Promise<string>((done) => {
        let received = "";
        const onData = (chunk: Buffer): void => {
          received += chunk.toString();
          if (received.length >= text.length) {
            tapped.off("data", onData);
            done(received);
          }
        };
        tapped.on("data", onData);
        tapped.write(text);
      }),
      5000,
      "echo",
    );
  t.equal(await echo("hello"), "hello");
  t.equal(Buffer.concat(seen).toString(), "hello");
  tapped.untap();
  t.equal(await echo("again"), "again");
  t.equal(Buffer.concat(seen).toString(), "hello", "untapped");
  tapped.destroy();
  await within(new Promise((done) => tapped.socket.once("close", done)), 5000, "socket closed");
  t.ok(tapped.socket.destroyed, "destroying the duplex destroys the socket");
});

t.test("a tap that throws is dropped and the bytes still arrive", async (t) => {
  const server = await startTcpServer((socket) => socket.end("data after a faulty tap"));
  t.teardown(() => server.close());
  let calls = 0;
  const tapped = new TappedSocket(await connected(server.port), () => {
    calls += 1;
    throw new Error("observer bug");
  });
  const text = await within(
    new Promise<string>((done) => {
      let received = "";
      tapped.on("data", (chunk: Buffer) => (received += chunk.toString()));
      tapped.on("end", () => done(received));
    }),
    5000,
    "end",
  );
  t.equal(text, "data after a faulty tap");
  t.equal(calls, 1);
  tapped.destroy();
});

t.test("the peer's reset reaches the duplex as an error", async (t) => {
  const server = await startTcpServer((socket) => socket.once("data", () => socket.resetAndDestroy()));
  t.teardown(() => server.close());
  const tapped = new TappedSocket(await connected(server.port), () => undefined);
  const failed = within(new Promise<Error>((done) => tapped.once("error", done)), 5000, "reset");
  tapped.write("reset me");
  const error = await failed;
  t.match(error, { code: "ECONNRESET" });
});
