/**
 * What varies from run to run in a rendered report, scrubbed for golden tests (docs/style.md habit 8; tap's
 * `t.cleanSnapshot`): run ids, wall-clock times, durations, loopback addresses, ports, Call-IDs, tags and branches.
 */
export function scrubSnapshot(text: string): string {
  return text
    .replace(/\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-f]{4}/g, "<run-id>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, "<time>")
    .replace(/\b\d+(?:\.\d+)? (ms|s)\b/g, "<$1>")
    .replace(/\b127\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, "<loopback>")
    .replace(/(<loopback>):\d+/g, "$1:<port>")
    .replace(/(Call-ID: )[^\s\\]+/gi, "$1<call-id>")
    .replace(/;tag=[^;\s>"\\,]+/g, ";tag=<tag>")
    .replace(/;branch=[^;\s>"\\,]+/g, ";branch=<branch>");
}
