/** The id of a scenario's section in report.html (`scenario-incompatible-security-setting`). */
export function scenarioAnchor(scenarioId: string): string {
  return `scenario-${slug(scenarioId)}`;
}

/** The id of a step's article in report.html (`step-incompatible-security-setting-1`). */
export function stepAnchor(scenarioId: string, index: number): string {
  return `step-${slug(scenarioId)}-${index}`;
}

/** Letters, digits and `-` only: safe as an id and in a `#fragment`. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
}
