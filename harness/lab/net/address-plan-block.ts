import { inputError } from "../../errors/harness-error.js";

/**
 * A lab's loopback block: `127.<a>.<b>.0/24`, one per lab instance. Server `i` (topology order) gets
 * `127.<a>.<b>.<HOST_OFFSET + i>`.
 */
export interface AddressBlock {
  /** The first three octets, `127.42.7`. */
  readonly prefix: string;
}

/** The first host number given to a server in a block (.1–.9 are left alone). */
export const HOST_OFFSET = 10;

/** The most servers one block holds (.10–.254). */
export const MAX_SERVERS_PER_BLOCK = 255 - HOST_OFFSET;

/**
 * A random block in 127.1.0.0–127.254.255.0 (never 127.0.x.x, where 127.0.0.1, systemd-resolved's 127.0.0.53 and
 * Debian's 127.0.1.1 live, nor 127.255.x.x): about 65,000 blocks, so two labs started at once by parallel tests
 * almost never pick the same one, and `allocateAddressPlan` verifies and retries when they do.
 */
export function randomAddressBlock(random: () => number = Math.random): AddressBlock {
  const a = 1 + Math.floor(random() * 254);
  const b = Math.floor(random() * 256);
  return { prefix: `127.${Math.min(a, 254)}.${Math.min(b, 255)}` };
}

/** Reads `127.a.b`, `127.a.b.0/24` or `127.a.b.0`; throws `EXUM_LAB_BAD_ADDRESS_BLOCK` for anything else. */
export function parseAddressBlock(text: string): AddressBlock {
  const match = /^127\.(\d{1,3})\.(\d{1,3})(?:\.0(?:\/24)?)?$/.exec(text.trim());
  const a = Number(match?.[1]);
  const b = Number(match?.[2]);
  if (match === null || a > 255 || b > 255) {
    throw inputError("EXUM_LAB_BAD_ADDRESS_BLOCK", `"${text}" is not a loopback /24 block`, {
      field: "block",
      hint: "write 127.<a>.<b> or 127.<a>.<b>.0/24, e.g. 127.42.7.0/24 (the lab only ever uses loopback addresses)",
    });
  }
  return { prefix: `127.${a}.${b}` };
}

/** The address of the `index`-th server of a block. */
export function blockAddress(block: AddressBlock, index: number): string {
  if (index < 0 || index >= MAX_SERVERS_PER_BLOCK) {
    throw inputError("EXUM_LAB_TOO_MANY_SERVERS", `a lab block holds at most ${MAX_SERVERS_PER_BLOCK} servers`, {
      hint: "split the topology into smaller labs",
    });
  }
  return `${block.prefix}.${HOST_OFFSET + index}`;
}
