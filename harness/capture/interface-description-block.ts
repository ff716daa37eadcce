import { encodePcapngBlock } from "./pcapng-block.js";
import { encodePcapngOptions, stringOption, type PcapngOption } from "./pcapng-options.js";

/** draft-ietf-opsawg-pcapng §4.2: "The block type of the Interface Description Block is 1." */
export const INTERFACE_DESCRIPTION_BLOCK_TYPE = 1;
/**
 * LINKTYPE_RAW (101, the tcpdump.org link-type list that draft-ietf-opsawg-pcaplinktype registers): "Raw IP; the packet begins with an IPv4 or IPv6 header, with
 * the version field of the header indicating whether it's an IPv4 or IPv6 header." One interface carries both.
 */
export const LINKTYPE_RAW = 101;
/** §4.2, Table 3: "if_name … a UTF-8 string containing the name of the device used to capture data". */
export const IF_NAME = 2;
/** §4.2, Table 3: "if_description … a UTF-8 string containing the description of the device". */
export const IF_DESCRIPTION = 3;
/**
 * A snapshot length no packet reaches (the largest an IPv4 or IPv6 packet without jumbograms can be is 65535 + 40);
 * 262144 is what tcpdump and dumpcap write today. §4.2 also allows 0: "A value of zero indicates no limit."
 */
export const SNAPLEN = 262144;

export interface InterfaceDescription {
  /** @defaultValue {@link LINKTYPE_RAW} */
  readonly linkType?: number;
  /** @defaultValue {@link SNAPLEN} */
  readonly snapLen?: number;
  /** `if_name`: what Wireshark shows as the interface. */
  readonly name: string;
  /** `if_description`. */
  readonly description?: string;
}

/**
 * An Interface Description Block. Its Interface ID is its position among the section's IDBs ("an incrementing
 * 32-bit unsigned integer (starting from '0')", §4.2). No `if_tsresol`: "If this option is not present, a
 * resolution of 10^-6 is assumed", the microseconds the recorder counts in.
 */
export function encodeInterfaceDescriptionBlock(description: InterfaceDescription): Buffer {
  const fixed = Buffer.alloc(8);
  fixed.writeUInt16LE(description.linkType ?? LINKTYPE_RAW, 0);
  fixed.writeUInt16LE(0, 2); // Reserved: "MUST be filled with 0 by pcapng file writers"
  fixed.writeUInt32LE(description.snapLen ?? SNAPLEN, 4);
  const options: PcapngOption[] = [stringOption(IF_NAME, description.name)];
  if (description.description !== undefined) options.push(stringOption(IF_DESCRIPTION, description.description));
  return encodePcapngBlock(INTERFACE_DESCRIPTION_BLOCK_TYPE, Buffer.concat([fixed, encodePcapngOptions(options)]));
}
