/** The parsed arguments of `exum certs <action> [input]` (see certs-handler.ts for which action takes which). */
export interface CertsArgs {
  action: "init" | "lint" | "show";
  input?: string;
  dir?: string;
  force?: boolean;
  "pfx-passphrase"?: string;
  ca?: string[];
  fqdn?: string;
  peers?: string[];
  cert?: string;
  key?: string;
  pfx?: string;
  passphrase?: string;
  timeout?: number;
  resolve?: string[];
  "expiry-days"?: number;
  json?: boolean;
}
