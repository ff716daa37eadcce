import type { FailureDefinition } from "./failure-definition.js";

/** Failures only a failover step produces (decided by harness/scenario). */
export const FAILOVER_FAILURES = {
  "all-servers-failed": {
    layer: "failover",
    meaning: "every server of a failover list was tried and none answered (MS-EUMR: the proxy then ends the call with 480)",
    exitClass: "failed",
    fix: {
      problem: "Every UM server of the dial plan was tried and none answered (MS-EUMR: Lync then ends the call with 480).",
      action: "Bring a UM server of the dial plan back, and make sure every Client Access and Mailbox server is in every SIP URI dial plan; for datacenter failover follow seed example 1 (point the A records) or 2 (enable the standby servers).",
      commands: [
        "Set-UMService -Identity <Mailbox server> -DialPlans <dial plan>",
        "Set-UMCallRouterSettings -Server <Client Access server> -DialPlans <dial plan>",
        "Enable-UMService -Identity <Exchange 2010 UM server>   # seed example 2"
      ],
      source: "docs/protocol.md §7 \"Failover\" (MS-EUMR) [DOC]; §5 \"Every Client Access and Mailbox server must be added to every SIP URI dial plan\" [DOC, seed]",
    },
  },
} as const satisfies Readonly<Record<string, FailureDefinition>>;
