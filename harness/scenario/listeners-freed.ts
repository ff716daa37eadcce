import { createServer } from "node:net";
import type { AddressPlan } from "../lab/index.js";

/** Binds `address:port` exclusively and lets it go: null when that worked, else why not (bounded by `timeoutMs`). */
function bindOnce(address: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    const finish = (why: string | null) => {
      clearTimeout(timer);
      resolve(why);
    };
    const timer = setTimeout(() => {
      server.close();
      finish(`${address}:${port} did not bind within ${timeoutMs} ms`);
    }, timeoutMs);
    server.once("error", (error: NodeJS.ErrnoException) => finish(`${address}:${port} is still bound (${error.code ?? error.message})`));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => finish(null)));
  });
}

/**
 * After a scenario's tear-down, every real port its lab listened on can be bound again (docs/style.md habit 12: "a failed
 * scenario never leaves a listener or a socket behind"). Returns what is still bound; empty when all is free.
 * Ephemeral plans are not checked (the kernel may already have given those ports to someone else).
 */
export async function listenersLeftBehind(plan: AddressPlan, timeoutMs = 2000): Promise<string[]> {
  if (plan.ports !== "real") return [];
  const trials = plan.servers.flatMap((server) => server.listeners.filter((listener) => listener.port !== 0).map((listener) => bindOnce(server.address, listener.port, timeoutMs)));
  return (await Promise.all(trials)).filter((why): why is string => why !== null);
}
