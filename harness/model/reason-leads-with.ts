/**
 * Whether a diagnostics reason starts with the known reason `name` (docs/protocol.md §4 names them, e.g.
 * `IncorrectHuntGroup`), ignoring case and any spaces, `_` or `-` between its letters, and ending at a word boundary:
 * "Incorrect hunt group. Pilot number: 5000. UMIPGateway: gw1." leads with IncorrectHuntGroup; "IncorrectHuntGroups"
 * and "Not an IncorrectHuntGroup" do not. Exchange's reason is a sentence that may go on with details, so it is never
 * compared whole.
 */
export function reasonLeadsWith(reason: string | null, name: string): boolean {
  if (reason === null) return false;
  const letters = [...name.toLowerCase()].filter((c) => /[a-z0-9]/.test(c));
  if (letters.length === 0) return false;
  return new RegExp(`^[\\s"']*${letters.join("[\\s_-]*")}(?![a-z0-9])`, "i").test(reason);
}
