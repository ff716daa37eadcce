import t from "tap";
import { parseIpAddress } from "./ip-address.js";

const cases: ReadonlyArray<[string, 4 | 6, string]> = [
  ["127.0.0.1", 4, "7f000001"],
  ["127.0.0.42", 4, "7f00002a"],
  ["::1", 6, "00000000000000000000000000000001"],
  ["::", 6, "00000000000000000000000000000000"],
  ["fe80::1%lo", 6, "fe800000000000000000000000000001"],
  ["2001:db8::8:800:200c:417a", 6, "20010db8000000000008080020 0c417a".replace(" ", "")],
  ["2001:db8:0:0:1:0:0:1", 6, "20010db8000000000001000000000001"],
  ["::ffff:127.0.0.1", 4, "7f000001"],
  ["::ffff:7f00:2", 4, "7f000002"],
  ["64:ff9b::192.0.2.33", 6, "0064ff9b0000000000000000c0000221"],
];

t.test("addresses as Node reports them become header octets", async (t) => {
  for (const [text, family, bytes] of cases) {
    const address = parseIpAddress(text);
    t.equal(address.family, family, text);
    t.equal(Buffer.from(address.bytes).toString("hex"), bytes, text);
  }
});

t.test("a host name is refused with a code and a hint", async (t) => {
  for (const text of ["localhost", "", "1.2.3", "::g"]) {
    t.throws(() => parseIpAddress(text), { code: "EXUM_INTERNAL", hint: /socket\.localAddress/ }, JSON.stringify(text));
  }
});
