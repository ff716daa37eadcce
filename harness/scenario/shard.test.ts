import t from "tap";
import { isHarnessError } from "../errors/harness-error.js";
import { parseShard, shard } from "./shard.js";

t.test("shards are contiguous, near-equal, and cover the list once", async (t) => {
  const list = Array.from({ length: 10 }, (_, i) => i);
  t.same([1, 2, 3].map((i) => shard(list, i, 3)), [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  for (const total of [1, 2, 3, 4, 7, 10, 13]) {
    const all = Array.from({ length: total }, (_, i) => shard(list, i + 1, total)).flat();
    t.same(all, list, `${total} shards`);
  }
  t.same(shard([], 1, 4), []);
  t.same(shard(["a"], 2, 2), []);
});

t.test("--shard i/n is parsed and checked", async (t) => {
  t.same(parseShard("2/4"), { index: 2, total: 4 });
  t.same(parseShard(" 1 / 1 "), { index: 1, total: 1 });
  for (const text of ["0/3", "4/3", "1/0", "a/b", "2", "-1/3", "1.5/3"]) {
    t.throws(() => parseShard(text), { code: "EXUM_BAD_SHARD", field: "--shard" }, text);
  }
  t.throws(() => shard([1], 1, 0), { code: "EXUM_BAD_SHARD" });
  t.throws(() => shard([1], 1.5, 2), { code: "EXUM_BAD_SHARD" });
  try {
    parseShard("3/2");
  } catch (error) {
    t.ok(isHarnessError(error) && error.exitCode === 2, "exit 2");
  }
});
