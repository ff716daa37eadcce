import dnsPacket, { type Answer, type DecodedPacket, type Packet } from "dns-packet";
import { isIPv4, isIPv6 } from "node:net";
import type { NameMap } from "./name-map.js";

/** DNS response codes the lab uses (RFC 1035 §4.1.1). */
export const RCODE = { NOERROR: 0, FORMERR: 1, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

export type DnsRcodeName = keyof typeof RCODE;

/** The largest query the lab reads: an A query is under 300 bytes; anything near this is not one. */
export const MAX_QUERY_BYTES = 4096;

/** A classic DNS-over-UDP reply limit (RFC 1035 §4.2.1); longer answers are truncated with TC set. */
export const MAX_UDP_REPLY_BYTES = 512;

/** What one query asked and what the lab answered, for the lab's event log. */
export interface DnsExchange {
  readonly name: string;
  readonly type: string;
  readonly rcode: DnsRcodeName;
  /** The address answered, when there was one. */
  readonly address: string | null;
}

export interface DnsReply {
  readonly reply: Buffer;
  readonly exchange: DnsExchange;
}

/**
 * The lab DNS server's answer to one query packet, encoded and decoded by dns-packet: A (and AAAA) records for the
 * names of the lab's {@link NameMap} with their current address, NODATA for other types of a known name, NXDOMAIN
 * for every other name, NOTIMP for anything but a standard query, FORMERR for a query without exactly one question.
 * Authoritative, never recursive (RA clear). Returns null for what must be ignored: malformed packets, responses,
 * oversized packets.
 */
export function answerDnsQuery(query: Buffer, map: NameMap, ttl = 0): DnsReply | null {
  if (query.length < 12 || query.length > MAX_QUERY_BYTES) return null;
  let packet: DecodedPacket;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return null;
  }
  if (packet.type !== "query") return null;
  try {
    return answerQuery(packet, map, ttl);
  } catch {
    return null; // a question dns-packet decodes but cannot encode back: ignored like any malformed packet
  }
}

function answerQuery(packet: DecodedPacket, map: NameMap, ttl: number): DnsReply {
  const questions = packet.questions ?? [];
  const question = questions[0];
  const rd = packet.flag_rd ? dnsPacket.RECURSION_DESIRED : 0;
  const opcodeBits = (packet.flags ?? 0) & 0x7800;
  const reply = (rcode: DnsRcodeName, answers: Answer[], name = question?.name ?? "", type = question?.type ?? "?", address: string | null = null): DnsReply => {
    const response: Packet = {
      type: "response",
      id: packet.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | rd | opcodeBits | RCODE[rcode],
      questions,
      answers,
    };
    return { reply: dnsPacket.encode(response), exchange: { name, type, rcode, address } };
  };
  if (opcodeBits !== 0) return reply("NOTIMP", []);
  if (questions.length !== 1 || question === undefined) return reply("FORMERR", []);
  if (question.class !== undefined && question.class !== "IN") return reply("REFUSED", []);
  const address = map.resolve(question.name);
  if (address === undefined) return reply("NXDOMAIN", []);
  const type: string = question.type;
  const wantsA = type === "A" || type === "ANY";
  const wantsAaaa = type === "AAAA" || type === "ANY";
  if (wantsA && isIPv4(address)) return reply("NOERROR", [{ type: "A", name: question.name, ttl, class: "IN", data: address }], undefined, undefined, address);
  if (wantsAaaa && isIPv6(address)) return reply("NOERROR", [{ type: "AAAA", name: question.name, ttl, class: "IN", data: address }], undefined, undefined, address);
  return reply("NOERROR", []);
}

/** A reply fitted to UDP: when longer than 512 bytes, the header and question only, with TC set (RFC 1035 §4.2.1). */
export function fitUdpReply(reply: Buffer): Buffer {
  if (reply.length <= MAX_UDP_REPLY_BYTES) return reply;
  const packet = dnsPacket.decode(reply);
  return dnsPacket.encode({ ...packet, flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE, answers: [], authorities: [], additionals: [] });
}
