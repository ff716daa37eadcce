/**
 * Scrubs what varies from run to run out of a rendered report, so golden tests (`t.matchSnapshot`) compare only what
 * the renderer decided (docs/style.md habit 8, tap's `cleanSnapshot`): run ids, times and durations, loopback addresses and
 * our ports (the servers' real ports stay), RTP ports, Call-IDs, tags, branches, SDP session ids, SRTP keys,
 * certificate serials, fingerprints, validity dates and PEM bodies.
 */
export function scrubReport(text: string): string {
  return (
    text
      // run ids and times
      .replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{4}/g, "<run-id>")
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, "<time>")
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?/g, "<time>")
      .replace(/("(?:durationMs|atMs|elapsedMs|failoverMs|tcpConnectMs|tlsHandshakeMs|firstResponseMs|finalResponseMs)": )[\d.]+/g, "$1<ms>")
      .replace(/\btime="[\d.]+"/g, 'time="<s>"')
      .replace(/\(\d+(?:\.\d+)? m?s\)/g, "(<ms>)")
      .replace(/ in \d+(?:\.\d+)? m?s\b/g, " in <ms>")
      .replace(/\bwithin \d+ ms\b/g, "within <ms>")
      // exum's own version
      .replace(/(<property name="exum" value=")[^"]*"/g, '$1<version>"')
      .replace(/("name": "exum",\s*"version": ")[^"]*"/g, '$1<version>"')
      // addresses and ports
      .replace(/\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, "<loopback>")
      // our side's ports are the kernel's; the servers' are the product's (docs/protocol.md §1) and stay
      .replace(/("localPort": )\d+/g, "$1<port>")
      .replace(/<loopback>:\d{2,5}\b/g, "<loopback>:<port>")
      .replace(/\b(rport|received)=[^;\s>"]+/g, "$1=<scrubbed>")
      .replace(/m=audio \d+/g, "m=audio <port>")
      .replace(/a=rtcp:\d+/g, "a=rtcp:<port>")
      // SIP identifiers and SDP secrets
      .replace(/(Call-ID: |"callId": ")[^\s"\\]+/gi, "$1<call-id>")
      .replace(/;tag=[^;\s>"\\,]+/g, ";tag=<tag>")
      .replace(/;branch=[^;\s>"\\,]+/g, ";branch=<branch>")
      .replace(/o=(\S+) \d+ \d+ IN/g, "o=$1 <session> <version> IN")
      .replace(/Content-Length: \d+/gi, "Content-Length: <length>")
      .replace(/inline:[A-Za-z0-9+/=]+/g, "inline:<key>")
      // certificates (a lab PKI is made per machine)
      .replace(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g, "<certificate>")
      .replace(/-----BEGIN CERTIFICATE-----(?:\\n[A-Za-z0-9+/=]*)*\\n-----END CERTIFICATE-----/g, "<certificate>")
      .replace(/\b(?:[0-9A-F]{2}:){31}[0-9A-F]{2}\b/g, "<fingerprint>")
      .replace(/("serialNumber": ")[0-9A-Fa-f]+/g, "$1<serial>")
  );
}
