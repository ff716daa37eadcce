import t from "tap";
import { randomHex } from "./random-hex.js";

t.test("randomHex: lower-case hex of the asked length, never the same twice across pool refills", async (t) => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i += 1) {
    const hex = randomHex(6);
    t.match(hex, /^[0-9a-f]{12}$/);
    seen.add(hex);
  }
  t.equal(seen.size, 2000, "2000 tags (three refills of the pool), all different");
  t.match(randomHex(8), /^[0-9a-f]{16}$/);
  t.match(randomHex(5000), /^[0-9a-f]{10000}$/, "more than the pool holds");
});
