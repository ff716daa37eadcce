import { isIPv4, isIPv6 } from "node:net";

/** Whether an address is loopback (127.0.0.0/8, ::1): where the lab and the tests may send anything at all. */
export function isLoopbackAddress(address: string): boolean {
  return (isIPv4(address) && address.startsWith("127.")) || (isIPv6(address) && (address === "::1" || address === "0:0:0:0:0:0:0:1"));
}
