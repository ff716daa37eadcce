import { readFileSync } from "node:fs";
import t from "tap";
import { parseSessionDescription } from "./parse-session-description.js";

const vector = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");
const crlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

t.test("Lync RequireEncryption offer: SAVP, crypto with and without MKI, cryptoscale", async (t) => {
  const parsed = parseSessionDescription(vector("lync-offer-required.sdp"));
  t.same(parsed.origin, { userName: "-", sessionId: "0", sessionVersion: "0", address: "10.0.0.10" });
  t.equal(parsed.connectionAddress, "10.0.0.10");
  t.same(parsed.warnings, []);
  t.equal(parsed.media.length, 1);
  const audio = parsed.media[0]!;
  t.match(audio, {
    type: "audio",
    port: 50020,
    protocol: "RTP/SAVP",
    formats: ["114", "9", "112", "111", "0", "8", "116", "115", "4", "97", "13", "118", "101"],
    payloads: [114, 9, 112, 111, 0, 8, 116, 115, 4, 97, 13, 118, 101],
    connectionAddress: "10.0.0.10",
    direction: "sendrecv",
    ptime: 20,
    encryption: null,
  });
  t.same(audio.codecs.find((c) => c.payload === 101), { payload: 101, name: "telephone-event", rate: 8000, fmtp: "0-16" });
  t.same(audio.codecs.find((c) => c.payload === 114), { payload: 114, name: "x-msrta", rate: 16000, fmtp: "bitrate=29000" });
  t.same(audio.cryptos, [
    {
      tag: 2,
      suite: "AES_CM_128_HMAC_SHA1_80",
      keyParams: "inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2|2^31|1:1",
      key: "6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2",
      lifetime: "2^31",
      mki: { value: 1, length: 1 },
      sessionParams: [],
    },
    {
      tag: 3,
      suite: "AES_CM_128_HMAC_SHA1_80",
      keyParams: "inline:Dn3ZlGA6lzbejtvDrzmHp+aiOtJparBIiteNv4zH|2^31",
      key: "Dn3ZlGA6lzbejtvDrzmHp+aiOtJparBIiteNv4zH",
      lifetime: "2^31",
      mki: null,
      sessionParams: [],
    },
  ]);
  t.same(audio.cryptoscales, [
    { tag: 1, value: "1 client AES_CM_128_HMAC_SHA1_80 inline:ld/hOGsi+V+rnpV3Q3/uYnrvzZ1K+mju+acykpZK|2^31|1:1" },
  ]);
});

t.test("LF-only and CRLF bodies parse to the same description, which survives JSON", async (t) => {
  for (const name of ["lync-offer-required.sdp", "lync-offer-optional.sdp", "lync-offer-none.sdp", "legacy-encryption-required.sdp", "crypto-malformed.sdp"]) {
    const lf = parseSessionDescription(vector(name));
    t.same(parseSessionDescription(crlf(vector(name))), lf, name);
    t.same(JSON.parse(JSON.stringify(lf)), lf, `${name} is JSON-serialisable`);
  }
});

t.test("SupportEncryption and DoNotSupportEncryption offers", async (t) => {
  const optional = parseSessionDescription(vector("lync-offer-optional.sdp")).media[0]!;
  t.equal(optional.protocol, "RTP/AVP");
  t.same(optional.cryptos.map((c) => c.tag), [2, 3]);
  const none = parseSessionDescription(vector("lync-offer-none.sdp")).media[0]!;
  t.equal(none.protocol, "RTP/AVP");
  t.same(none.cryptos, []);
  t.same(none.cryptoscales, []);
});

t.test("legacy MS-SDP a=encryption is read per m= line", async (t) => {
  const parsed = parseSessionDescription(vector("legacy-encryption-required.sdp"));
  t.same(parsed.media.map((m) => [m.type, m.port, m.encryption, m.cryptos.length]), [
    ["audio", 5050, "required", 0],
    ["video", 5036, "required", 0],
  ]);
  t.same(parsed.warnings, []);
});

t.test("invalid twin: malformed a=crypto lines are skipped, each with a crypto-malformed warning", async (t) => {
  const parsed = parseSessionDescription(vector("crypto-malformed.sdp"));
  t.same(parsed.media[0]!.cryptos, []);
  t.same(
    parsed.warnings.map((w) => [w.code, w.media, w.line.slice(0, 11)]),
    [
      ["crypto-malformed", 0, "a=crypto:tw"],
      ["crypto-malformed", 0, "a=crypto:3 "],
      ["crypto-malformed", 0, "a=crypto:4 "],
      ["crypto-malformed", 0, "a=crypto:5 "],
      ["crypto-malformed", 0, "a=crypto:6 "],
    ],
  );
  t.match(parsed.warnings[1]!.message, /skipped: the inline key is 20 bytes/);
});

t.test("invalid twins that are not SDP throw EXUM_SDP_PARSE with a clear message", async (t) => {
  const cases = [
    { name: "a SIP response", text: vector("not-sdp.txt"), message: /no v= line/ },
    { name: "empty", text: "", message: /no v= line/ },
    { name: "session without media", text: vector("no-media.sdp"), message: /no m= line/ },
    { name: "unreadable m= line", text: vector("bad-m-line.sdp"), message: /m= line 1 is not <media> <port> <proto> <fmt …>: "m=audio 5004"/ },
    { name: "not a string", text: 42 as unknown as string, message: /expected SDP text, got number/ },
  ];
  for (const { name, text, message } of cases) {
    t.throws(() => parseSessionDescription(text), { code: "EXUM_SDP_PARSE", kind: "input", message }, name);
  }
});

t.test("attribute details: static payloads, inherited c= and direction, warnings for bad attributes", async (t) => {
  const text = [
    "v=0",
    "o=alice 2890844526 2890842807 IN IP6 2001:db8::1",
    "s=-",
    "c=IN IP6 2001:db8::1",
    "t=0 0",
    "a=recvonly",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2",
    "a=encryption:optional",
    "m=audio 49170 RTP/SAVPF 0 8 18 96",
    "c=IN IP4 192.0.2.7",
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2",
    "a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2",
    "a=cryptoscale:client",
    "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:Dn3ZlGA6lzbejtvDrzmHp+aiOtJparBIiteNv4zH",
    "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:OZSwtm5pSROsw+A6m2Lmt/m8niX4U+6em39KYEPn",
    "m=video 0 RTP/AVP 31",
    "a=sendonly",
    "a=encryption:maybe",
    "m=application 1503 tcp msdata",
    "",
  ].join("\n");
  const parsed = parseSessionDescription(text);
  const [audio, video, application] = parsed.media;
  t.same(audio?.codecs, [
    { payload: 0, name: "PCMU", rate: 8000, fmtp: null },
    { payload: 8, name: "PCMA", rate: 8000, fmtp: null },
    { payload: 18, name: "G729", rate: 8000, fmtp: null },
  ]);
  t.equal(audio?.connectionAddress, "192.0.2.7");
  t.equal(audio?.direction, "recvonly");
  t.equal(audio?.encryption, "optional", "session-level a=encryption applies to every m= line");
  t.equal(audio?.ptime, null);
  t.same(audio?.cryptos.map((c) => c.tag), [1, 2, 2], "duplicates are kept and warned");
  t.same(audio?.cryptoscales.map((c) => c.tag), [1, null]);
  t.equal(video?.connectionAddress, "2001:db8::1");
  t.equal(video?.direction, "sendonly");
  t.equal(video?.encryption, "optional", "an unknown media-level value falls back to the session level");
  t.same(application?.formats, ["msdata"]);
  t.same(application?.payloads, []);
  t.same(
    parsed.warnings.map((w) => [w.code, w.media, w.line]),
    [
      ["crypto-at-session-level", null, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2"],
      ["crypto-duplicate-tag", 0, "a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:OZSwtm5pSROsw+A6m2Lmt/m8niX4U+6em39KYEPn"],
      ["crypto-duplicate-tag", 0, "a=cryptoscale:1 client AES_CM_128_HMAC_SHA1_80 inline:6Bi7xIRRKcE17/PuoIy3vojd9xTPmFNngY8KVlZ2"],
      ["encryption-unknown", 1, "a=encryption:maybe"],
    ],
  );
});

t.test("a description without o= or c= still parses", async (t) => {
  const parsed = parseSessionDescription("v=0\nm=audio 4000 RTP/AVP 0\n");
  t.equal(parsed.origin, null);
  t.equal(parsed.connectionAddress, null);
  t.equal(parsed.media[0]?.connectionAddress, null);
  t.equal(parsed.media[0]?.direction, "sendrecv");
});
