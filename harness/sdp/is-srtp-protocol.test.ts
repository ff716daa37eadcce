import t from "tap";
import { isSrtpProtocol } from "./is-srtp-protocol.js";

t.test("secure RTP profiles", async (t) => {
  for (const protocol of ["RTP/SAVP", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "TCP/TLS/RTP/SAVP", "rtp/savp", " RTP/SAVP "]) {
    t.equal(isSrtpProtocol(protocol), true, protocol);
  }
  for (const protocol of ["RTP/AVP", "RTP/AVPF", "UDP/TLS/RTP/AVPF", "tcp", "udp", "", "RTP/SAVPX", "SAVP2"]) {
    t.equal(isSrtpProtocol(protocol), false, JSON.stringify(protocol));
  }
});
