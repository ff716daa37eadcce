import t from "tap";
import { buildFaxOffer, isFaxOffer } from "./build-fax-offer.js";
import { buildOffer } from "./build-offer.js";
import { parseSessionDescription } from "./parse-session-description.js";

t.test("a fax offer: one m=image udptl t38 section with the T.38 attributes, IPv4 and IPv6", async (t) => {
  const sdp = buildFaxOffer({ address: "127.0.0.1", port: 40000, sessionId: "1234" });
  t.equal(
    sdp,
    [
      "v=0",
      "o=exum 1234 0 IN IP4 127.0.0.1",
      "s=session",
      "c=IN IP4 127.0.0.1",
      "t=0 0",
      "m=image 40000 udptl t38",
      "a=T38FaxVersion:0",
      "a=T38MaxBitRate:14400",
      "a=T38FaxRateManagement:transferredTCF",
      "a=T38FaxMaxBuffer:262",
      "a=T38FaxMaxDatagram:176",
      "a=T38FaxUdpEC:t38UDPRedundancy",
      "",
    ].join("\r\n"),
  );
  const parsed = parseSessionDescription(sdp);
  t.match(parsed.media, [{ type: "image", port: 40000, protocol: "udptl", formats: ["t38"] }]);
  t.ok(isFaxOffer(parsed));
  t.match(buildFaxOffer({ address: "::1", port: 40000 }), /\r\nc=IN IP6 ::1\r\n/);
  t.throws(() => buildFaxOffer({ address: "fax.example", port: 1 }), { code: "EXUM_SDP_BAD_OPTION" });
});

t.test("an audio offer, or audio beside T.38, is not a fax-only offer", async (t) => {
  t.notOk(isFaxOffer(parseSessionDescription(buildOffer({ policy: "required", address: "127.0.0.1", port: 40000 }).sdp)));
  const both = buildOffer({ policy: "none", address: "127.0.0.1", port: 40000 }).sdp + "m=image 40002 udptl t38\r\n";
  t.notOk(isFaxOffer(parseSessionDescription(both)));
});
