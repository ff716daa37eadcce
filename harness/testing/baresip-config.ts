import { inputError } from "../errors/harness-error.js";
import { PeerErrorCode } from "./peer-error-code.js";

/** The account's `mediaenc`: SDES-SRTP mandatory, optional, or absent (plain RTP). */
export type BaresipMediaEncryption = "srtp-mand" | "srtp" | null;

export interface BaresipConfigOptions {
  /** The temp folder baresip reads (`-f <dir>`): config, accounts, certificate. */
  readonly dir: string;
  /** SIP over UDP and TCP on 127.0.0.1; baresip adds TLS on `sipPort + 1` (docs/peers.md). */
  readonly sipPort: number;
  /** Its TLS server certificate; written with the key as `server.pem`. */
  readonly certPem: string;
  readonly keyPem: string;
  /** `sip_cafile`. (docs/peers.md: as a client it accepted an untrusted server anyway.) */
  readonly caPem: string;
  readonly mediaenc: BaresipMediaEncryption;
  /** `rtp_ports first-last` (UDP, RTP and RTCP). */
  readonly rtpPorts: { readonly first: number; readonly last: number };
  /** The user part of the account. @defaultValue "um" */
  readonly user?: string;
  /**
   * `dns_server`: a loopback resolver as `127.x.y.z:port`, e.g. the lab DNS (harness/lab/net/lab-dns.ts), so baresip
   * resolves lab FQDNs such as a 302's Contact host. @defaultValue "127.0.0.1:53"
   */
  readonly dnsServer?: string;
}

export interface BaresipConfig {
  /** Files to write into `dir` (name → content). */
  readonly files: Readonly<Record<string, string>>;
}

export const BARESIP_MODULE_PATH = "/usr/lib/baresip/modules";

/**
 * The config and accounts of docs/peers.md "baresip as an SRTP-mandatory answering peer": auto-answer, PCMU from a
 * 440 Hz sine (`ausine` at 48 kHz stereo, else calls drop at answer), audio played to `alsa,null`, bound to
 * 127.0.0.1 only.
 */
export function baresipConfig(options: BaresipConfigOptions): BaresipConfig {
  validate(options);
  const dir = options.dir;
  const user = options.user ?? "um";
  const config = `# Written by harness/testing/baresip-config.ts (docs/peers.md "baresip as an SRTP-mandatory answering peer").
sip_listen 127.0.0.1:${options.sipPort}
sip_certificate ${dir}/server.pem
sip_cafile ${dir}/ca.crt
audio_source ausine,440
ausrc_srate 48000
ausrc_channels 2
audio_player alsa,null
net_interface 127.0.0.1
rtp_ports ${options.rtpPorts.first}-${options.rtpPorts.last}
dns_server ${options.dnsServer ?? "127.0.0.1:53"}
module_path ${BARESIP_MODULE_PATH}
module g711.so
module ausine.so
module alsa.so
module srtp.so
module_app account.so
module_app menu.so
`;
  const params = ["regint=0", "answermode=auto", ...(options.mediaenc === null ? [] : [`mediaenc=${options.mediaenc}`]), "audio_codecs=PCMU"];
  const accounts = `<sip:${user}@127.0.0.1;transport=tls>;${params.join(";")}\n`;
  return {
    files: {
      config,
      accounts,
      "server.pem": `${options.certPem.trimEnd()}\n${options.keyPem.trimEnd()}\n`,
      "ca.crt": options.caPem,
    },
  };
}

function validate(options: BaresipConfigOptions): void {
  const { sipPort, rtpPorts } = options;
  if (!(Number.isInteger(sipPort) && sipPort > 0 && sipPort < 65535)) {
    throw badOption("sipPort", `sipPort must be a port 1-65534 (TLS takes sipPort + 1), got ${String(sipPort)}`, "use freePortRange(2)");
  }
  if (!(Number.isInteger(rtpPorts.first) && Number.isInteger(rtpPorts.last) && rtpPorts.first > 0 && rtpPorts.first < rtpPorts.last && rtpPorts.last < 65536)) {
    throw badOption("rtpPorts", `rtpPorts must be first < last, both 1-65535, got ${rtpPorts.first}-${rtpPorts.last}`, "use freePortRange(n, { protocols: [\"udp\"] })");
  }
  if (options.user !== undefined && !/^[A-Za-z0-9._+-]+$/.test(options.user)) {
    throw badOption("user", `user must be a plain SIP user part, got ${JSON.stringify(options.user)}`, "use letters, digits and . _ + -");
  }
  if (options.dnsServer !== undefined && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d{1,5}$/.test(options.dnsServer)) {
    throw badOption("dnsServer", `dnsServer must be a loopback address and port, got ${JSON.stringify(options.dnsServer)}`, "e.g. 127.42.7.1:53053: the lab DNS (lab.dns.address and lab.dns.port)");
  }
  if (/\s/.test(options.dir)) throw badOption("dir", `dir must not contain spaces, got ${JSON.stringify(options.dir)}`, "use tempDir()");
}

function badOption(field: string, message: string, hint: string): Error {
  return inputError(PeerErrorCode.BadOption, message, { field, hint });
}
