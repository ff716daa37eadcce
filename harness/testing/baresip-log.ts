/**
 * Lines baresip 1.0.0 prints with `-v` that tell a test what happened to a call — the only way to learn its
 * call state, since it has no control socket in this setup. Each example was seen on loopback.
 */
export const BaresipLog = {
  /** `baresip is ready.` */
  ready: /baresip is ready\./,
  /** `ua: sipsess connect via TLS 127.0.0.1:44140 --> 127.0.0.1:15063`: an INVITE arrived (transport, from, to). */
  incoming: /sipsess connect via (\w+) (\S+) --> (\S+)/,
  /** `call: answering call on line 1 from sip:exum@127.0.0.1:25060 with 200` */
  answering: /call: answering call on line \d+ from (\S+) with (\d{3})/,
  /** `srtp: audio: SRTP is Enabled (cryptosuite=AES_CM_128_HMAC_SHA1_80)`: SDES-SRTP negotiated (before "established"). */
  srtpEnabled: /SRTP is Enabled \(cryptosuite=([A-Z0-9_]+)\)/,
  /** `call: mediaenc event 'Secure' (audio,AES_CM_128_HMAC_SHA1_80)` */
  mediaSecure: /mediaenc event 'Secure' \((\w+),([A-Z0-9_]+)\)/,
  /** `um@127.0.0.1: Call established: sip:exum@127.0.0.1:25060`: answered and ACKed. */
  established: /Call established: (\S+)/,
  /** `call: no common audio codecs - rejected`: what it says (with a 488) to an RTP/AVP offer under `srtp-mand`. */
  noCommonCodecs: /no common audio codecs - rejected/,
  /** `sip:dp2@cas01.tukwila.contoso.com:5061;transport=tls: session closed: 488 Not Acceptable Here`: a call it placed was refused. */
  sessionClosed: /session closed: (\d{3}) ([^\r\n]*)/,
  /** `sip:um@127.0.0.1:15062: Call with sip:exum@127.0.0.1:25060 terminated (duration: 1 sec)` */
  terminated: /Call with (\S+) terminated \(duration: ([^)]*)\)/,
} as const;
