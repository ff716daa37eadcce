import t from "tap";
import { decodeTelephoneEvent, digitOfEvent, encodeTelephoneEvent, eventOfDigit, isDtmfDigits } from "./telephone-event.js";

t.test("RFC 4733 §2.3 payload: event, E, R, volume, duration in network byte order", async (t) => {
  const golden = [
    [{ event: 1, end: false, volume: 10, duration: 160 }, "010a00a0"],
    [{ event: 11, end: true, volume: 10, duration: 800 }, "0b8a0320"],
    [{ event: 0, end: false, volume: 0, duration: 0 }, "00000000"],
    [{ event: 255, end: true, volume: 63, duration: 65535 }, "ffbfffff"],
  ] as const;
  for (const [report, hex] of golden) {
    t.equal(encodeTelephoneEvent(report).toString("hex"), hex, `encode ${JSON.stringify(report)}`);
    t.same(decodeTelephoneEvent(Buffer.from(hex, "hex")), report, `decode ${hex}`);
  }
});

t.test("decoding: the R bit is ignored, short payloads are null, views and longer payloads read their first report", async (t) => {
  t.same(decodeTelephoneEvent(Buffer.from("01ca00a0", "hex")), { event: 1, end: true, volume: 10, duration: 160 }, "R set");
  t.equal(decodeTelephoneEvent(Buffer.from("010a00", "hex")), null);
  t.equal(decodeTelephoneEvent(new Uint8Array(0)), null);
  const datagram = Buffer.from("8065000100000000deadbeef" + "050a0140", "hex");
  t.same(decodeTelephoneEvent(datagram.subarray(12)), { event: 5, end: false, volume: 10, duration: 320 }, "a view");
  t.same(decodeTelephoneEvent(Buffer.from("0b8a03200c0a00a0", "hex")), { event: 11, end: true, volume: 10, duration: 800 });
});

t.test("encoding refuses fields that do not fit their bits, saying which", async (t) => {
  const base = { event: 1, end: false, volume: 10, duration: 160 };
  t.throws(() => encodeTelephoneEvent({ ...base, event: 256 }), /event 256 must be a whole number from 0 to 255/);
  t.throws(() => encodeTelephoneEvent({ ...base, event: -1 }), /event -1/);
  t.throws(() => encodeTelephoneEvent({ ...base, volume: 64 }), /volume 64 must be a whole number from 0 to 63/);
  t.throws(() => encodeTelephoneEvent({ ...base, duration: 65536 }), /duration 65536 .*segments/);
  t.throws(() => encodeTelephoneEvent({ ...base, duration: 1.5 }), /duration 1.5/);
});

t.test("RFC 4733 §3.2: digits 0-9, * = 10, # = 11, A-D = 12-15", async (t) => {
  const table = "0123456789*#ABCD";
  for (let code = 0; code < 16; code++) {
    t.equal(digitOfEvent(code), table[code], `event ${code}`);
    t.equal(eventOfDigit(table[code]!), code, `digit ${table[code]}`);
  }
  t.equal(eventOfDigit("*"), 10);
  t.equal(eventOfDigit("#"), 11);
  t.equal(eventOfDigit("D"), 15);
  t.equal(digitOfEvent(16), null, "16 is flash, not a digit");
  t.equal(digitOfEvent(255), null);
  t.equal(digitOfEvent(1.5), null);
});

t.test("any other character is an error naming it", async (t) => {
  for (const bad of ["x", "a", "E", " ", "", "12", "+"]) {
    t.throws(() => eventOfDigit(bad), { message: `${JSON.stringify(bad)} is not a DTMF digit: use 0-9, *, # or A-D (RFC 4733 §3.2)` }, JSON.stringify(bad));
  }
});

t.test("isDtmfDigits validates what a user typed", async (t) => {
  for (const good of ["1", "1001#", "*86#", "0123456789*#ABCD"]) t.ok(isDtmfDigits(good), good);
  for (const bad of ["", "12a", "1 2", "#\n", "１２", "E", "1-2"]) t.notOk(isDtmfDigits(bad), JSON.stringify(bad));
});
