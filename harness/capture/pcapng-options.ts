import { internalError } from "../errors/harness-error.js";
import { paddedLength } from "./pcapng-block.js";

/** One option of a block's option list (draft-ietf-opsawg-pcapng §3.5): its code and its unpadded value. */
export interface PcapngOption {
  readonly code: number;
  readonly value: Uint8Array;
}

/** §3.5, Table 1: `opt_endofopt` ends every option list. */
export const OPT_ENDOFOPT = 0;
/** §3.5, Table 1: "a UTF-8 string containing human-readable comment text"; valid in every block, repeatable. */
export const OPT_COMMENT = 1;

/** A UTF-8 string option ("The string is not zero-terminated", §3.5). */
export function stringOption(code: number, text: string): PcapngOption {
  return { code, value: Buffer.from(text, "utf8") };
}

/**
 * The option list of a block, or nothing when there are no options ("optionally, a list of options … can be
 * present", §4.1–§4.7). Each option is "Option Type (16 bits) … Option Length (16 bits): … the actual length of
 * the following 'Option Value' field without the padding octets … Option Value … padded to a 32-bit boundary"
 * (§3.5), and "Code that writes pcapng files MUST put an opt_endofopt option at the end of an option list."
 */
export function encodePcapngOptions(options: readonly PcapngOption[]): Buffer {
  if (options.length === 0) return Buffer.alloc(0);
  const size = options.reduce((sum, option) => sum + 4 + paddedLength(option.value.length), 4);
  const out = Buffer.alloc(size);
  let offset = 0;
  for (const option of options) {
    if (option.value.length > 0xffff) {
      throw internalError("EXUM_INTERNAL", `pcapng option ${option.code} is ${option.value.length} bytes; its 16-bit Option Length holds at most 65535`, {
        hint: "shorten the comment or name given to the capture recorder",
      });
    }
    out.writeUInt16LE(option.code, offset);
    out.writeUInt16LE(option.value.length, offset + 2);
    out.set(option.value, offset + 4);
    offset += 4 + paddedLength(option.value.length);
  }
  out.writeUInt16LE(OPT_ENDOFOPT, offset); // and an Option Length of 0: the buffer is zero-filled
  return out;
}
