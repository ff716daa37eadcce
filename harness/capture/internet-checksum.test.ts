import t from "tap";
import { internetChecksum } from "./internet-checksum.js";
import { hex } from "./read-pcapng.test.js";

t.test("RFC 1071 §3's numerical example: the sum is ddf2, so the checksum is 220d", async (t) => {
  t.equal(internetChecksum(hex("0001 f203 f4f5 f6f7")), 0x220d);
});

t.test("a header holding its checksum sums to 0; parts sum as if concatenated", async (t) => {
  const data = hex("0001 f203 f4f5 f6f7 220d");
  t.equal(internetChecksum(data), 0);
  t.equal(internetChecksum(data.subarray(0, 4), data.subarray(4)), 0);
});

t.test("an odd last octet is padded on the right with zeros", async (t) => {
  t.equal(internetChecksum(hex("ab")), internetChecksum(hex("ab00")));
  t.throws(() => internetChecksum(hex("ab"), hex("cd")), { code: "EXUM_INTERNAL" }, "only the last part may be odd");
});

t.test("a long buffer folds its carries", async (t) => {
  t.equal(internetChecksum(Buffer.alloc(70000, 0xff)), 0); // 0xffff words: the one's complement sum is 0xffff
});
