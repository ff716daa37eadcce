import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import t from "tap";
import { freePortRange, freeTcpPort, freeUdpPort, LOOPBACK } from "./free-port.js";
import { tempDir } from "./temp-dir.js";

t.test("free ports can be bound on 127.0.0.1", async (t) => {
  const [tcp, udp] = await Promise.all([freeTcpPort(), freeUdpPort()]);
  t.ok(tcp > 0 && tcp < 65536);
  t.ok(udp > 0 && udp < 65536);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(tcp, LOOPBACK, resolve));
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

t.test("freePortRange returns a base whose next ports are free for TCP and UDP", async (t) => {
  const base = await freePortRange(3);
  const servers = await Promise.all(
    [0, 1, 2].map(
      (offset) =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(base + offset, LOOPBACK, () => resolve(server));
        }),
    ),
  );
  t.equal(servers.length, 3);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

t.test("freePortRange gives up with a message after its attempts", async (t) => {
  await t.rejects(freePortRange(70000, { attempts: 2 }), /no 70000 consecutive free ports/);
});

t.test("tempDir is removed at teardown", async (t) => {
  let dir = "";
  await t.test("inner", async (t) => {
    dir = await tempDir(t, "exum-unit-");
    await writeFile(join(dir, "file"), "x");
    t.ok(existsSync(join(dir, "file")));
  });
  t.notOk(existsSync(dir), `${dir} removed`);
});
