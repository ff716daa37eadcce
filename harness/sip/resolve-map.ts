import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { inputError } from "../errors/harness-error.js";

/** One `--resolve <fqdn>:<port>:<address>` entry, as curl has it. */
export interface ResolveEntry {
  readonly host: string;
  /** The port it applies to; `*` in the flag (null here) applies to every port. */
  readonly port: number | null;
  readonly address: string;
}

/**
 * Name resolution the probes use: `--resolve` entries first (connect to an address while presenting and
 * verifying the FQDN), then the system resolver. The lab's own name map plugs in the same way.
 */
export interface Resolver {
  resolve(host: string, port: number): Promise<string>;
}

export function parseResolveEntry(text: string): ResolveEntry {
  const hint = "write --resolve <fqdn>:<port>:<address>, e.g. --resolve cas01.contoso.com:5061:127.0.0.1";
  const match = /^([^:[\]]+):(\d{1,5}|\*):(\[[^\]]+\]|[^[\]]+)$/.exec(text.trim());
  const address = match?.[3]?.replace(/^\[|\]$/g, "");
  if (!match || address === undefined || isIP(address) === 0) {
    throw inputError("EXUM_BAD_RESOLVE", `--resolve "${text}" is not <fqdn>:<port>:<address>`, { field: "--resolve", hint });
  }
  const port = match[2] === "*" ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65535)) {
    throw inputError("EXUM_BAD_RESOLVE", `--resolve "${text}": port ${port} is out of range`, { field: "--resolve", hint });
  }
  return { host: (match[1] ?? "").toLowerCase(), port, address };
}

export interface ResolverOptions {
  entries?: readonly ResolveEntry[];
  /** Fallback for names without an entry. @defaultValue the system resolver (bounded by timeoutMs) */
  lookup?: (host: string) => Promise<string>;
  /** @defaultValue 5000 */
  timeoutMs?: number;
}

export function createResolver(options: ResolverOptions = {}): Resolver {
  const entries = options.entries ?? [];
  const timeoutMs = options.timeoutMs ?? 5000;
  const fallback = options.lookup ?? (async (host: string) => (await lookup(host)).address);
  return {
    async resolve(host, port) {
      if (isIP(host)) return host;
      const name = host.toLowerCase();
      const entry =
        entries.find((e) => e.host === name && e.port === port) ?? entries.find((e) => e.host === name && e.port === null);
      if (entry) return entry.address;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          fallback(name),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`DNS lookup of ${name} took longer than ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
