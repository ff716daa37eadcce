/** How `exum monitor` watches a site (docs/design.md §1 `exum monitor`). */
export interface MonitorSettings {
  /** Between two OPTIONS to one target (`--interval`). @defaultValue 60 000 */
  readonly intervalMs: number;
  /**
   * Consecutive missed OPTIONS that mark a target down (`--down-after`). docs/protocol.md §6: the Mediation Server
   * "marks one down after 5 unanswered OPTIONS" [3P]. @defaultValue 5
   */
  readonly downAfter: number;
  /** Between two live certificate checks of one target (`--cert-every`). @defaultValue 3 600 000 (an hour) */
  readonly certEveryMs: number;
  /** A certificate with fewer days left is a warning (`--cert-warn-days`). @defaultValue 30 */
  readonly certWarnDays: number;
  /** A certificate with fewer days left is a failure (`--cert-fail-days`). @defaultValue 7 */
  readonly certFailDays: number;
  /** Stop after this long (`--for`); null runs until SIGINT/SIGTERM. @defaultValue null */
  readonly forMs: number | null;
  /** One round (OPTIONS and a certificate check of every target, no calls) and stop (`--once`). @defaultValue false */
  readonly once: boolean;
}

/**
 * The defaults of {@link MonitorSettings}. docs/protocol.md §6: the Mediation Server pings "every 4 s to 1 min" and,
 * while a gateway is down, "re-checks every minute"; Microsoft's Direct Routing dashboard warns 30 days before a
 * certificate expires.
 */
export const MONITOR_DEFAULTS: MonitorSettings = {
  intervalMs: 60_000,
  downAfter: 5,
  certEveryMs: 3_600_000,
  certWarnDays: 30,
  certFailDays: 7,
  forMs: null,
  once: false,
};
