import { isIP } from "node:net";
import { inputError } from "../../errors/harness-error.js";
import type { Resolver } from "../../sip/resolve-map.js";
import type { NameMap } from "./name-map.js";

/**
 * The SIP client's {@link Resolver} over the lab's name map: IP addresses pass through, lab names resolve to their
 * current address (so a name repointed mid-scenario is followed by the next connection), and any other name fails
 * like NXDOMAIN (`EXUM_LAB_UNKNOWN_NAME`): the lab never asks a real DNS server. The port is not used (A records).
 */
export function nameMapResolver(map: NameMap): Resolver {
  return {
    resolve(host) {
      if (isIP(host)) return Promise.resolve(host);
      const address = map.resolve(host);
      if (address !== undefined) return Promise.resolve(address);
      return Promise.reject(
        inputError("EXUM_LAB_UNKNOWN_NAME", `${host} is not a name of the lab (NXDOMAIN)`, {
          hint: "name a server of the lab topology, or add its A record to the lab's name map",
        }),
      );
    },
  };
}
