import { inputError } from "../errors/harness-error.js";

/** `--shard <index>/<total>`: the index-th of total near-equal slices (1-based, as CI job matrices count). */
export interface ShardSpec {
  readonly index: number;
  readonly total: number;
}

const HINT = "write --shard <i>/<n> with 1 ≤ i ≤ n, e.g. --shard 2/4 for the second of four CI jobs";

function check(index: number, total: number, shown: string): ShardSpec {
  if (!Number.isInteger(index) || !Number.isInteger(total) || total < 1 || index < 1 || index > total) {
    throw inputError("EXUM_BAD_SHARD", `--shard ${shown}: needs a whole index from 1 to the total`, { field: "--shard", hint: HINT });
  }
  return { index, total };
}

/** Reads `2/4`; throws `EXUM_BAD_SHARD` (exit 2) for anything else. */
export function parseShard(text: string): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (match === null) throw inputError("EXUM_BAD_SHARD", `--shard "${text}" is not <i>/<n>`, { field: "--shard", hint: HINT });
  return check(Number(match[1]), Number(match[2]), text.trim());
}

/**
 * The `index`-th (1-based) of `total` contiguous, near-equal slices of `list`, in order: the first `length % total`
 * slices get one item more. Every item lands in exactly one shard, and the same list always splits the same way, so
 * CI jobs given `1/n` … `n/n` run the library once between them. Throws `EXUM_BAD_SHARD` for an invalid index/total.
 */
export function shard<T>(list: readonly T[], index: number, total: number): T[] {
  check(index, total, `${index}/${total}`);
  const base = Math.floor(list.length / total);
  const extra = list.length % total;
  const start = (index - 1) * base + Math.min(index - 1, extra);
  const size = base + (index <= extra ? 1 : 0);
  return list.slice(start, start + size);
}
