import t from "tap";
import { encodeDecryptionSecretsBlock, TLS_KEY_LOG_SECRETS_TYPE } from "./decryption-secrets-block.js";
import { encodeEnhancedPacketBlock } from "./enhanced-packet-block.js";
import { encodeInterfaceDescriptionBlock } from "./interface-description-block.js";
import { encodePcapngBlock } from "./pcapng-block.js";
import { encodePcapngOptions, OPT_COMMENT, stringOption } from "./pcapng-options.js";
import { hex, optionText, readBlocks, readInterface, readPacket, readSecrets, readSectionHeader } from "./read-pcapng.test.js";
import { encodeSectionHeaderBlock } from "./section-header-block.js";

// Golden vectors, written by hand from draft-ietf-opsawg-pcapng §4.1–§4.7 (little-endian).
t.test("SHB: magic, version 1.0, section length -1, shb_userappl", async (t) => {
  t.same(
    encodeSectionHeaderBlock({ userAppl: "exum" }),
    hex("0a0d0d0a 28000000 4d3c2b1a 0100 0000 ffffffffffffffff  0400 0400 6578756d  0000 0000  28000000"),
  );
  const header = readSectionHeader(readBlocks(encodeSectionHeaderBlock({ userAppl: "exum", comments: ["truncated"] }))[0]!);
  t.equal(optionText(header.options, OPT_COMMENT), "truncated");
  t.equal(optionText(header.options, 4), "exum");
});

t.test("IDB: LINKTYPE_RAW, snaplen 262144, if_name, no if_tsresol (µs is the default)", async (t) => {
  t.same(encodeInterfaceDescriptionBlock({ name: "lo" }), hex("01000000 20000000 6500 0000 00000400  0200 0200 6c6f0000  00000000  20000000"));
  const idb = readInterface(readBlocks(encodeInterfaceDescriptionBlock({ name: "exum", description: "wire", snapLen: 0 }))[0]!);
  t.equal(idb.snapLen, 0);
  t.equal(optionText(idb.options, 3), "wire");
  t.notOk(idb.options.some((option) => option.code === 9), "no if_tsresol");
});

t.test("EPB: interface, 64-bit timestamp as upper and lower halves, lengths, padding, epb_flags", async (t) => {
  t.same(
    encodeEnhancedPacketBlock({ interfaceId: 1, timestamp: 0x0000000100000002n, packet: hex("aabbccddee"), direction: "outbound" }),
    hex("06000000 34000000 01000000 01000000 02000000 05000000 05000000 aabbccdd ee000000  0200 0400 02000000  00000000  34000000"),
  );
  const inbound = readPacket(readBlocks(encodeEnhancedPacketBlock({ interfaceId: 0, timestamp: 1n, packet: hex("01"), direction: "inbound" }))[0]!);
  t.same(inbound.options, [{ code: 2, value: hex("01000000") }], "01 = inbound (§4.3.1)");
  t.same(readPacket(readBlocks(encodeEnhancedPacketBlock({ interfaceId: 0, timestamp: 1n, packet: hex("01") }))[0]!).options, [], "no direction, no options");
});

t.test("EPB: every packet length pads to 32 bits with zeros", async (t) => {
  for (let length = 0; length <= 9; length += 1) {
    const block = encodeEnhancedPacketBlock({ interfaceId: 0, timestamp: 0n, packet: Buffer.alloc(length, 0xff) });
    t.equal(block.length, 32 + Math.ceil(length / 4) * 4, `${length} octets`);
    const packet = readPacket(readBlocks(block)[0]!); // the reader checks the padding is zero
    t.equal(packet.capturedLength, length);
    t.equal(packet.originalLength, length);
  }
});

t.test("DSB: TLSK secrets type, unpadded length, padded data", async (t) => {
  t.same(encodeDecryptionSecretsBlock(TLS_KEY_LOG_SECRETS_TYPE, Buffer.from("ab\n")), hex("0a000000 18000000 4b534c54 03000000 61620a00 18000000"));
  t.equal(TLS_KEY_LOG_SECRETS_TYPE, Buffer.from("TLSK").readUInt32BE(0), '"TLSK"');
  const secrets = readSecrets(readBlocks(encodeDecryptionSecretsBlock(TLS_KEY_LOG_SECRETS_TYPE, Buffer.from("CLIENT_RANDOM a b\n")))[0]!);
  t.equal(secrets.secrets.toString(), "CLIENT_RANDOM a b\n");
});

t.test("options: padded values, opt_endofopt last, none at all when empty", async (t) => {
  t.same(encodePcapngOptions([]), Buffer.alloc(0));
  t.same(encodePcapngOptions([stringOption(OPT_COMMENT, "hello")]), hex("0100 0500 68656c6c 6f000000 0000 0000"));
  t.throws(() => encodePcapngOptions([{ code: 1, value: Buffer.alloc(70000) }]), { code: "EXUM_INTERNAL" });
});

t.test("a block without a body is 12 octets", async (t) => {
  t.same(encodePcapngBlock(0x80000001, new Uint8Array(0)), hex("01000080 0c000000 0c000000"));
});
