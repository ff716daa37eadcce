import { createServer } from "node:net";
import { inputError, internalError } from "../../errors/harness-error.js";
import { planAddresses, type AddressPlan, type PlanOptions } from "./address-plan.js";
import type { Topology } from "../topology/topology-schema.js";

export interface AllocateOptions extends PlanOptions {
  /** How many random blocks to try. @defaultValue 8 */
  attempts?: number;
  /** The longest one trial bind may take. @defaultValue 2000 */
  bindTimeoutMs?: number;
}

/** Binds `address:port` (TCP, exclusive) and releases it: null when that worked, else why not. */
function tryBind(address: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    const timer = setTimeout(() => {
      server.close();
      resolve(`${address}:${port} did not bind within ${timeoutMs} ms`);
    }, timeoutMs);
    server.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(`${address}:${port} ${error.code ?? error.message}`);
    });
    server.listen({ host: address, port, exclusive: true }, () => {
      clearTimeout(timer);
      server.close(() => resolve(null));
    });
  });
}

/** The first listener of the plan that cannot be bound, or null when all can. */
async function firstBusy(plan: AddressPlan, timeoutMs: number): Promise<string | null> {
  const trials = plan.servers.flatMap((server) =>
    server.listeners.filter((listener) => listener.port !== 0).map((listener) => tryBind(server.address, listener.port, timeoutMs)),
  );
  const results = await Promise.all(trials);
  return results.find((result) => result !== null) ?? null;
}

/**
 * {@link planAddresses}, checked: with real ports, every listener of the plan is bound once and released, and a
 * random block that is (partly) taken — another lab, another test, a process bound to 0.0.0.0:5060 — is replaced by
 * another, up to `attempts` times. Ephemeral plans need no check. An explicit block that is taken is an input error
 * (`EXUM_LAB_ADDRESS_BLOCK_BUSY`); no free random block is `EXUM_LAB_NO_FREE_ADDRESS_BLOCK` (exit 3).
 */
export async function allocateAddressPlan(topology: Topology, options: AllocateOptions = {}): Promise<AddressPlan> {
  const attempts = options.attempts ?? 8;
  const timeoutMs = options.bindTimeoutMs ?? 2000;
  if (topology.addressFamily === "ipv6") {
    const failure = await tryBind("::1", 0, timeoutMs);
    if (failure !== null) {
      throw internalError("EXUM_LAB_NO_IPV6", `an IPv6 lab needs the loopback address ::1, which does not bind here: ${failure}`, {
        hint: "enable IPv6 on the loopback interface (sysctl net.ipv6.conf.lo.disable_ipv6=0), or run the lab on IPv4",
      });
    }
    return planAddresses(topology, options);
  }
  const explicit = options.block !== undefined && options.block !== "random";
  let lastBusy = "";
  for (let attempt = 0; attempt < (explicit ? 1 : attempts); attempt += 1) {
    const plan = planAddresses(topology, options);
    if (plan.ports === "ephemeral") return plan;
    const busy = await firstBusy(plan, timeoutMs);
    if (busy === null) return plan;
    lastBusy = busy;
    if (explicit) {
      throw inputError("EXUM_LAB_ADDRESS_BLOCK_BUSY", `the lab's address block ${plan.block ?? ""} is in use: ${busy}`, {
        field: "block",
        hint: "choose another block, omit it for a random one, or use ephemeral ports",
      });
    }
  }
  throw internalError("EXUM_LAB_NO_FREE_ADDRESS_BLOCK", `no free loopback block for the lab's real ports after ${attempts} tries (last: ${lastBusy})`, {
    hint: "a process bound to 0.0.0.0 on a SIP port (5060–5070) blocks every block: stop it, or use ephemeral ports",
  });
}
