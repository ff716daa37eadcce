import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * One step of a SIPp scenario (`-sf`). Messages are SIPp templates: `[service]`, `[remote_ip]`,
 * `[remote_port]`, `[local_ip]`, `[local_port]`, `[transport]`, `[branch]`, `[call_id]`, `[call_number]`,
 * `[len]`, `[last_To:]`, `[next_url]`, `[media_ip]`, `[media_port]`… SIPp turns the line breaks into CRLF.
 */
export type SippStep =
  | { readonly send: string; readonly retransMs?: number }
  | {
      readonly recvResponse: number;
      readonly optional?: boolean;
      /** Record-route set and Contact for the in-dialog requests that follow (`[next_url]`). */
      readonly rrs?: boolean;
      /** Fail the call unless the response has this header matching this regular expression (POSIX ERE). */
      readonly expectHeader?: { readonly name: string; readonly matches: string };
    }
  | { readonly recvRequest: string; readonly optional?: boolean }
  | { readonly pauseMs: number };

/** The XML of a SIPp scenario made of `steps`. */
export function sippScenario(name: string, steps: readonly SippStep[]): string {
  const variables: string[] = [];
  const body = steps.map((step) => {
    if ("send" in step) {
      const retrans = step.retransMs === undefined ? "" : ` retrans="${step.retransMs}"`;
      return `  <send${retrans}>\n    <![CDATA[\n${cdata(step.send.trim())}\n\n]]>\n  </send>`;
    }
    if ("recvResponse" in step) {
      const attributes = `response="${step.recvResponse}"${step.optional === true ? ' optional="true"' : ""}${step.rrs === true ? ' rrs="true"' : ""}`;
      if (step.expectHeader === undefined) return `  <recv ${attributes}/>`;
      const variable = `h${variables.length}`;
      variables.push(variable);
      const { name: header, matches } = step.expectHeader;
      return (
        `  <recv ${attributes}>\n    <action>\n` +
        `      <ereg regexp="${xml(matches)}" search_in="hdr" header="${xml(header)}:" check_it="true" assign_to="${variable}"/>\n` +
        `    </action>\n  </recv>`
      );
    }
    if ("recvRequest" in step) {
      return `  <recv request="${xml(step.recvRequest)}"${step.optional === true ? ' optional="true"' : ""}/>`;
    }
    return `  <pause milliseconds="${step.pauseMs}"/>`;
  });
  // SIPp refuses a variable that is assigned but never read; <Reference> marks them as read.
  if (variables.length > 0) body.push(`  <Reference variables="${variables.join(",")}"/>`);
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="${xml(name)}">\n${body.join("\n")}\n</scenario>\n`;
}

/** Headers every request of the canned scenarios carries (one dialog per call: From tag from the call number). */
function requestHeaders(method: string, cseq: number): string {
  return `Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: <sip:exum@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: <sip:[service]@[remote_ip]:[remote_port]>
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Max-Forwards: 70
Contact: <sip:exum@[local_ip]:[local_port];transport=[transport]>`;
}

function inDialogRequest(method: string, cseq: number): string {
  return `${method} [next_url] SIP/2.0
${requestHeaders(method, cseq).replace(/^To: .*$/m, "[last_To:]")}
Content-Length: 0`;
}

export interface SippOptionsScenarioOptions {
  /** @defaultValue 200 */
  readonly expectStatus?: number;
  /** Also require this header in the response. */
  readonly expectHeader?: { readonly name: string; readonly matches: string };
}

/** One OPTIONS to `[service]@[remote_ip]:[remote_port]`, expecting `expectStatus`. */
export function sippOptionsScenario(options: SippOptionsScenarioOptions = {}): string {
  return sippScenario("exum OPTIONS", [
    {
      send: `OPTIONS sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
${requestHeaders("OPTIONS", 1)}
Accept: application/sdp
Content-Length: [len]`,
      retransMs: 500,
    },
    {
      recvResponse: options.expectStatus ?? 200,
      ...(options.expectHeader === undefined ? {} : { expectHeader: options.expectHeader }),
    },
  ]);
}

/** An SDP offer of PCMU audio with SDES-SRTP (RTP/SAVP + one `a=crypto`, a fixed test key) in SIPp keywords. */
export const SIPP_SDP_SRTP = `v=0
o=exum 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/SAVP 0
a=rtpmap:0 PCMU/8000
a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH
a=sendrecv`;

/** The same offer as plain RTP (RTP/AVP, no crypto). */
export const SIPP_SDP_RTP = `v=0
o=exum 1 1 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0
a=rtpmap:0 PCMU/8000
a=sendrecv`;

export interface SippInviteScenarioOptions {
  /** The offer (SIPp keywords allowed). @defaultValue {@link SIPP_SDP_SRTP} */
  readonly sdp?: string;
  /** How long the answered call stays up before BYE. @defaultValue 1000 */
  readonly holdMs?: number;
  /** The final response expected; anything but 200 ends with the ACK (no BYE). @defaultValue 200 */
  readonly expectStatus?: number;
}

/** INVITE with an SDP offer, optional 100/180, the expected final response, ACK, then (for 200) hold and BYE. */
export function sippInviteScenario(options: SippInviteScenarioOptions = {}): string {
  const status = options.expectStatus ?? 200;
  const steps: SippStep[] = [
    {
      send: `INVITE sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
${requestHeaders("INVITE", 1)}
Content-Type: application/sdp
Content-Length: [len]

${(options.sdp ?? SIPP_SDP_SRTP).trim()}
`,
      retransMs: 500,
    },
    { recvResponse: 100, optional: true },
    { recvResponse: 180, optional: true },
    { recvResponse: 183, optional: true },
    { recvResponse: status, rrs: status === 200 },
  ];
  if (status === 200) {
    steps.push(
      { send: inDialogRequest("ACK", 1) },
      { pauseMs: options.holdMs ?? 1000 },
      { send: inDialogRequest("BYE", 2), retransMs: 500 },
      { recvResponse: 200 },
    );
  } else {
    // A non-2xx is ACKed in the INVITE transaction: same branch and CSeq, the To of the response. SIPp's
    // [branch] ends in the message's index in the scenario; [branch-N] is the one N messages back: the INVITE.
    const back = steps.length;
    steps.push({
      send: `ACK sip:[service]@[remote_ip]:[remote_port];transport=[transport] SIP/2.0
${requestHeaders("ACK", 1).replace(/^To: .*$/m, "[last_To:]").replace("branch=[branch]", `branch=[branch-${back}]`)}
Content-Length: 0`,
    });
  }
  return sippScenario(`exum INVITE expecting ${status}`, steps);
}

/** Writes a scenario into `dir` and returns its path (for `-sf`). */
export async function writeSippScenario(dir: string, fileName: string, xml: string): Promise<string> {
  const path = join(dir, fileName);
  await writeFile(path, xml);
  return path;
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function cdata(text: string): string {
  return text.replace(/]]>/g, "]]]]><![CDATA[>");
}
