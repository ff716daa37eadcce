import { encodePcapngBlock } from "./pcapng-block.js";
import { encodePcapngOptions, OPT_COMMENT, stringOption, type PcapngOption } from "./pcapng-options.js";

/** draft-ietf-opsawg-pcapng §4.1: "the integer corresponding to the 4-char string "\n\r\r\n" (0x0A0D0D0A)". */
export const SECTION_HEADER_BLOCK_TYPE = 0x0a0d0d0a;
/** §4.1: "Byte-Order Magic (32 bits): an unsigned magic number, whose value is the hexadecimal number 0x1A2B3C4D." */
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** §4.1, Table 2: "a UTF-8 string containing the name of the application used to create this section". */
export const SHB_USERAPPL = 4;

export interface SectionHeader {
  /** `shb_userappl`, e.g. "exum". */
  readonly userAppl: string;
  /** `opt_comment`s: one each (a truncated capture says so here). */
  readonly comments?: readonly string[];
}

/**
 * The Section Header Block that starts the file (§3.4: "The file MUST begin with a Section Header Block"):
 * little-endian, version 1.0 ("Writers of pcapng files MUST NOT write SHBs with a Major Version other than 1 or a
 * Minor Version other than 0"), Section Length -1 ("the size of the section is not specified").
 */
export function encodeSectionHeaderBlock(header: SectionHeader): Buffer {
  const fixed = Buffer.alloc(16);
  fixed.writeUInt32LE(BYTE_ORDER_MAGIC, 0);
  fixed.writeUInt16LE(1, 4); // Major Version
  fixed.writeUInt16LE(0, 6); // Minor Version
  fixed.writeBigInt64LE(-1n, 8); // Section Length: 0xFFFFFFFFFFFFFFFF
  const options: PcapngOption[] = [
    ...(header.comments ?? []).map((comment) => stringOption(OPT_COMMENT, comment)),
    stringOption(SHB_USERAPPL, header.userAppl),
  ];
  return encodePcapngBlock(SECTION_HEADER_BLOCK_TYPE, Buffer.concat([fixed, encodePcapngOptions(options)]));
}
