import t from "tap";
import { BoundedCache } from "./bounded-cache.js";

t.test("makes a value once, keeps at most the limit, drops the least recently used", async (t) => {
  const cache = new BoundedCache<string, number>(2);
  let made = 0;
  const make = (value: number) => () => {
    made++;
    return value;
  };
  t.equal(cache.get("a", make(1)), 1);
  t.equal(cache.get("a", make(99)), 1, "remembered: make is not called again");
  t.equal(made, 1);
  cache.get("b", make(2));
  cache.get("a", make(99)); // a is now the most recently used
  cache.get("c", make(3)); // over the limit: b goes
  t.equal(cache.size, 2);
  t.equal(cache.get("a", make(99)), 1, "a stayed");
  t.equal(cache.get("b", make(20)), 20, "b was dropped and is made again");
  cache.clear();
  t.equal(cache.size, 0);
});

t.test("what make throws is thrown again and not remembered", async (t) => {
  const cache = new BoundedCache<string, number>(4);
  let calls = 0;
  const failing = () => {
    calls++;
    throw new Error("bad input");
  };
  t.throws(() => cache.get("x", failing), /bad input/);
  t.throws(() => cache.get("x", failing), /bad input/);
  t.equal(calls, 2);
  t.equal(cache.size, 0);
});
