/** The IANA protocol numbers the capture writes: IPv4 "Protocol" (RFC 791 §3.1) and IPv6 "Next Header" (RFC 8200 §3). */
export const IpProtocol = {
  Tcp: 6,
  Udp: 17,
} as const;

export type IpProtocol = (typeof IpProtocol)[keyof typeof IpProtocol];
