import t from "tap";
import { TLS_ALERTS, tlsAlertFromName, tlsAlertName } from "./tls-alert.js";

t.test("numbers and names of RFC 8446 §6 (and the TLS 1.2 ones)", async (t) => {
  t.equal(tlsAlertName(116), "certificate_required");
  t.equal(tlsAlertName(48), "unknown_ca");
  t.equal(tlsAlertName(40), "handshake_failure");
  t.equal(tlsAlertName(70), "protocol_version");
  t.equal(tlsAlertName(41), "no_certificate");
  t.equal(tlsAlertName(3), null);
  t.equal(tlsAlertFromName("UNKNOWN_CA"), 48);
  t.equal(tlsAlertFromName("certificate required"), 116);
  t.equal(tlsAlertFromName("USER_CANCELLED"), 90, "OpenSSL's spelling");
  t.equal(tlsAlertFromName("nonsense"), null);
  for (const [number, name] of Object.entries(TLS_ALERTS)) t.equal(tlsAlertFromName(name), Number(number), name);
});
