import t from "tap";
import { guessSrtpIndex } from "./guess-srtp-index.js";

const at = (roc: number, sL: number): number => roc * 0x10000 + sL;

t.test("RFC 3711 §3.3.1 / Appendix A: v is the ROC that puts the index closest to 2^16 * ROC + s_l", async (t) => {
  const cases = [
    { name: "first packet: ROC 0, s_l := SEQ", highest: undefined, seq: 65534, roc: 0 },
    { name: "next packet", highest: at(0, 100), seq: 101, roc: 0 },
    { name: "small reorder", highest: at(0, 100), seq: 90, roc: 0 },
    { name: "forward wrap 65535 → 0 increments ROC", highest: at(0, 65535), seq: 0, roc: 1 },
    { name: "forward wrap with loss 65534 → 1", highest: at(0, 65534), seq: 1, roc: 1 },
    { name: "late packet from before the wrap", highest: at(1, 3), seq: 65533, roc: 0 },
    { name: "late packet before the second wrap", highest: at(2, 10), seq: 65500, roc: 1 },
    { name: "s_l >= 32768, SEQ just above s_l - 32768 stays in ROC", highest: at(3, 40000), seq: 7233, roc: 3 },
    { name: "s_l >= 32768, SEQ below s_l - 32768 is the next ROC", highest: at(3, 40000), seq: 7231, roc: 4 },
    { name: "s_l < 32768, SEQ - s_l = 32768 stays in ROC", highest: at(5, 1000), seq: 33768, roc: 5 },
    { name: "s_l < 32768, SEQ - s_l > 32768 is the previous ROC", highest: at(5, 1000), seq: 33769, roc: 4 },
  ];
  for (const { name, highest, seq, roc } of cases) {
    t.same(guessSrtpIndex(highest, seq), { roc, index: roc * 0x10000 + seq }, name);
  }
});

t.test("no ROC fits a sequence number from before the stream started (v = ROC - 1 with ROC 0)", async (t) => {
  t.equal(guessSrtpIndex(at(0, 5), 65000), null);
});
