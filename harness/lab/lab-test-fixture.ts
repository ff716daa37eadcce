import type { Persona } from "../model/persona.js";
import type { ProbeOptions } from "../sip/probe-options.js";
import { parseSipTarget, type SipTarget } from "../sip/sip-target.js";
import { startLab, type Lab, type LabOptions } from "./lab.js";
import { sharedLabPkiDir } from "./lab-pki.js";
import type { ListenerName } from "./topology/address-plan-listeners.js";

/** What the fixture needs of a test (tap's `t`). */
export interface LabTestHost {
  teardown(fn: () => unknown): void;
}

/**
 * A lab for a test: its own loopback block with real ports (or ephemeral ports), the lab PKI shared by every test
 * file of this version (lab-pki.ts `sharedLabPkiDir`: ~23 RSA keys are made once), closed in the test's teardown.
 */
export async function startTestLab(t: LabTestHost, options: LabOptions = {}): Promise<Lab> {
  const lab = await startLab({ certsDir: sharedLabPkiDir(), dns: false, ...options });
  t.teardown(() => lab.close());
  return lab;
}

/** The client's options for playing `persona` (or presenting no certificate) against the lab. */
export async function clientOptions(lab: Lab, persona: Persona | string | null, extra: Partial<ProbeOptions> = {}): Promise<ProbeOptions> {
  const identity = persona === null ? undefined : await lab.identity(persona);
  const fromDomain = identity === undefined ? "exum.invalid" : (lab.pki.manifest.entries.find((entry) => entry.name === persona || entry.personas?.includes(persona as Persona))?.fqdns[0] ?? "exum.invalid");
  return {
    ...(identity === undefined ? {} : { identity }),
    caPem: lab.caPem(),
    resolver: lab.resolver(),
    fromDomain,
    timeoutMs: 3000,
    ...extra,
  };
}

/** A target at a lab server's listener: `sip:<user>@<fqdn>:<port>;transport=…` plus parameters. */
export function labTarget(lab: Lab, server: string, listener: ListenerName, user: string | null, params = ""): SipTarget {
  const info = lab.server(server).listeners().find((entry) => entry.name === listener);
  if (info === undefined) throw new Error(`${server} has no ${listener}`);
  const fqdn = lab.server(server).fqdn;
  return parseSipTarget(`sip:${user === null ? "" : `${user}@`}${fqdn}:${info.port};transport=${info.transport}${params}`);
}
