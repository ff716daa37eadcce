import t from "tap";
import { isLoopbackAddress } from "./loopback-address.js";

t.test("loopback is 127.0.0.0/8 and ::1, nothing else", async (t) => {
  for (const address of ["127.0.0.1", "127.90.36.10", "::1", "0:0:0:0:0:0:0:1"]) t.ok(isLoopbackAddress(address), address);
  for (const address of ["10.0.0.5", "128.0.0.1", "::ffff:127.0.0.1", "fe80::1", "localhost", "", "127.0.0"]) t.notOk(isLoopbackAddress(address), address);
});
