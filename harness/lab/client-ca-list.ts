import { X509Certificate } from "node:crypto";
import { BoundedCache } from "../model/bounded-cache.js";
import { createRootCa } from "../pki/create-root-ca.js";
import { generateRsaKeyPairAsync, type KeyPairPem } from "../pki/key-pair.js";
import { certificateNames } from "../tls/distinguished-name.js";
import { SCHANNEL_CA_LIST_BYTES, type CertificateRequestSetting } from "./topology/topology-certificate-request.js";

/** The CA names a server's CertificateRequest lists, as the certificates whose subjects they are. */
export interface ClientCaList {
  /** The certificates to advertise (PEM), in order; [] for an empty list. */
  readonly pem: string[];
  /** Whether the lab root is among them. */
  readonly listsLabRoot: boolean;
  /** Whether Schannel's 16 KB bound cut names off (the server would log Schannel event 36885). */
  readonly truncated: boolean;
}

/** Other root CAs, made once per process: one key signs them all (only their names matter). */
const otherRoots: string[] = [];
/** Made on libuv's thread pool, not the run's one JS thread (200 ms for a 2048-bit key, docs/design.md §10). */
let otherRootsKey: Promise<KeyPairPem> | undefined;

async function otherRootsPem(count: number): Promise<string[]> {
  if (otherRoots.length < count) {
    otherRootsKey ??= generateRsaKeyPairAsync();
    const keyPair = await otherRootsKey;
    for (let index = otherRoots.length; index < count; index += 1) {
      otherRoots.push(createRootCa({ commonName: `Exum Other Trusted Root ${String(index + 1).padStart(4, "0")}`, keyPair }).certPem);
    }
  }
  return otherRoots.slice(0, count);
}

/** Bytes a certificate's subject takes in the list: `DistinguishedName<1..2^16-1>`, 2 length bytes + DER (RFC 5246 §7.4.4). */
function listBytes(pem: string): number {
  return listBytesOf.get(pem, () => 2 + certificateNames(Buffer.from(new X509Certificate(pem).raw)).subject.length);
}

/** Each listed certificate's size, measured once per process (the other roots are the same in every lab). */
const listBytesOf = new BoundedCache<string, number>(2048);

/**
 * The list for `setting` (topology-certificate-request.ts), or null for `trusted` (the listener's own CA list, the lab
 * root). `many` puts the other roots first and the lab root last and, with `schannelLimit`, keeps names while they
 * fit in 16 KB, as Schannel does ("this server trusts so many certificate authorities that the list has grown too
 * long. This list has thus been truncated", Schannel event 36885, KB 933430).
 */
export async function clientCaList(setting: CertificateRequestSetting | undefined, labRootPem: string): Promise<ClientCaList | null> {
  if (setting === undefined || setting.caNames === "trusted") return null;
  if (setting.caNames === "none") return { pem: [], listsLabRoot: false, truncated: false };
  const all = [...(await otherRootsPem(setting.otherRoots)), labRootPem];
  if (!setting.schannelLimit) return { pem: all, listsLabRoot: true, truncated: false };
  const kept: string[] = [];
  let bytes = 0;
  for (const pem of all) {
    bytes += listBytes(pem);
    if (bytes > SCHANNEL_CA_LIST_BYTES) break;
    kept.push(pem);
  }
  return { pem: kept, listsLabRoot: kept.includes(labRootPem), truncated: kept.length < all.length };
}

/** The server host's `certificateRequest` option for a server's topology entry: nothing for `trusted`. */
export async function certificateRequestOption(
  server: { certificateRequest?: CertificateRequestSetting | undefined },
  labRootPem: string,
): Promise<{ certificateRequest?: { advertisedCaPem: string[]; truncated: boolean } }> {
  const list = await clientCaList(server.certificateRequest, labRootPem);
  return list === null ? {} : { certificateRequest: { advertisedCaPem: list.pem, truncated: list.truncated } };
}
