import { readFile } from "node:fs/promises";
import t from "tap";
import { SIPP_SDP_RTP, sippInviteScenario, sippOptionsScenario, sippScenario, writeSippScenario } from "./sipp-scenario.js";
import { tempDir } from "./temp-dir.js";

t.test("sippScenario: send in CDATA, recv attributes, header checks referenced, pause", async (t) => {
  const xml = sippScenario('a "quoted" <name>', [
    { send: "OPTIONS sip:x SIP/2.0\nX-Odd: ]]>\n", retransMs: 500 },
    { recvResponse: 200, optional: true, rrs: true, expectHeader: { name: "Server", matches: "kam&ailio" } },
    { recvRequest: "BYE" },
    { pauseMs: 250 },
  ]);
  t.match(xml, '<scenario name="a &quot;quoted&quot; &lt;name&gt;">');
  t.match(xml, '<send retrans="500">\n    <![CDATA[\nOPTIONS sip:x SIP/2.0\nX-Odd: ]]]]><![CDATA[>\n\n]]>\n  </send>');
  t.match(xml, '<recv response="200" optional="true" rrs="true">');
  t.match(xml, '<ereg regexp="kam&amp;ailio" search_in="hdr" header="Server:" check_it="true" assign_to="h0"/>');
  t.match(xml, '<Reference variables="h0"/>');
  t.match(xml, '<recv request="BYE"/>');
  t.match(xml, '<pause milliseconds="250"/>');
});

t.test("canned OPTIONS and INVITE scenarios", async (t) => {
  t.match(sippOptionsScenario(), /OPTIONS sip:\[service\]@\[remote_ip\]:\[remote_port\];transport=\[transport\] SIP\/2\.0/);
  t.match(sippOptionsScenario({ expectStatus: 403 }), '<recv response="403"/>');

  const answered = sippInviteScenario({ holdMs: 300 });
  t.match(answered, "RTP/SAVP 0");
  t.match(answered, "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:");
  t.match(answered, '<recv response="200" rrs="true"/>');
  t.match(answered, "ACK [next_url] SIP/2.0");
  t.match(answered, '<pause milliseconds="300"/>');
  t.match(answered, "BYE [next_url] SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]");
  t.match(answered, "[last_To:]\nCall-ID: [call_id]\nCSeq: 2 BYE");

  const refused = sippInviteScenario({ sdp: SIPP_SDP_RTP, expectStatus: 488 });
  t.match(refused, "RTP/AVP 0");
  t.notMatch(refused, "a=crypto");
  t.match(refused, '<recv response="488"/>', "no route set without a Contact");
  t.match(refused, "ACK sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0");
  t.match(refused, "branch=[branch-5]", "the ACK of a non-2xx reuses the INVITE's branch");
  t.notMatch(refused, "BYE");
});

t.test("writeSippScenario writes the file it names", async (t) => {
  const dir = await tempDir(t);
  const path = await writeSippScenario(dir, "s.xml", "<scenario/>");
  t.equal(await readFile(path, "utf8"), "<scenario/>");
});
