import t from "tap";
import { encodeMki } from "./srtp-mki.js";

t.test("the MKI field is the value big-endian in exactly `length` bytes", async (t) => {
  const table = [
    [{ value: 1, length: 1 }, "01"], // Lync's |2^31|1:1
    [{ value: 1066, length: 4 }, "0000042a"],
    [{ value: 0x01020304, length: 4 }, "01020304"],
    [{ value: 255, length: 2 }, "00ff"],
    [{ value: 0, length: 3 }, "000000"],
    [{ value: 2 ** 40 + 5, length: 8 }, "0000010000000005"],
  ] as const;
  for (const [mki, bytes] of table) t.equal(encodeMki(mki).toString("hex"), bytes, `${mki.value}:${mki.length}`);
});

t.test("a value that does not fit its length is refused", async (t) => {
  t.throws(() => encodeMki({ value: 256, length: 1 }), /MKI value 256 does not fit in 1 bytes/);
});
