import { isIPv4, isIPv6 } from "node:net";
import { internalError } from "../errors/harness-error.js";

/** An IP address as it goes into a header: 4 octets (IPv4) or 16 (IPv6). */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

/**
 * Parses the address text Node gives for a socket ("127.0.0.1", "::1", "fe80::1%lo"). An IPv4-mapped IPv6 address
 * ("::ffff:127.0.0.1", what a dual-stack listener reports for an IPv4 peer) is IPv4: that is what was on the wire.
 */
export function parseIpAddress(text: string): IpAddress {
  const address = text.replace(/%.*$/, ""); // a zone index names a link, not part of the address
  if (isIPv4(address)) return { family: 4, bytes: Uint8Array.from(address.split(".").map(Number)) };
  if (!isIPv6(address)) {
    throw internalError("EXUM_INTERNAL", `"${text}" is not an IP address; the capture recorder needs numeric addresses`, {
      hint: "pass socket.localAddress / socket.remoteAddress (or rinfo.address), not a host name",
    });
  }
  const bytes = ipv6Bytes(address);
  const mapped = bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? { family: 4, bytes: bytes.slice(12) } : { family: 6, bytes };
}

/** RFC 4291 §2.2 text ("x:x:x:x:x:x:x:x", "::" for a run of zeros, a dotted IPv4 tail) as 16 octets. */
function ipv6Bytes(address: string): Uint8Array {
  // "x:x:x:x:x:x:d.d.d.d": the dotted tail is the last two groups.
  const text = address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_all, a: string, b: string, c: string, d: string) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const groups = (part: string | undefined): number[] => (part === undefined || part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const [head, tail] = text.split("::");
  const left = groups(head);
  const right = groups(tail);
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  words.forEach((word, index) => {
    bytes[index * 2] = word >>> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}
