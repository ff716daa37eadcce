// Layer check (docs/design.md §2): folders under harness/ are layers and may import only the layers listed here.
// `npm run check:layers` fails the build on any other import. Tests (*.test.ts) and harness/testing/ may
// import anything; production code never imports them.
const allowed = {
  errors: [],
  model: ["errors"],
  input: ["errors"],
  files: ["errors"],
  sdp: ["errors", "model"],
  media: ["errors", "model", "sdp"],
  capture: ["errors", "model", "files"],
  pki: ["errors", "model", "files"],
  log: ["errors", "model"],
  tls: ["errors", "model", "log"],
  sip: ["errors", "model", "log", "tls", "sdp", "media", "capture"],
  lab: ["errors", "model", "input", "log", "tls", "sdp", "media", "capture", "sip", "pki", "files"],
  report: ["errors", "model", "files"],
  diff: ["errors", "model", "report"],
  scenario: ["errors", "model", "input", "log", "tls", "sdp", "media", "capture", "sip", "lab", "pki", "report", "files"],
  monitor: ["errors", "model", "log", "tls", "sip", "report", "scenario", "files"],
  cli: ["errors", "model", "input", "log", "tls", "sdp", "media", "capture", "sip", "lab", "pki", "report", "scenario", "monitor", "files", "diff"],
};
const layers = Object.keys(allowed);
const test = "\\.(test|interop)\\.ts$";

module.exports = {
  forbidden: [
    ...layers.map((layer) => {
      const denied = layers.filter((other) => other !== layer && !allowed[layer].includes(other));
      return {
        name: `layer-${layer}`,
        comment: `harness/${layer}/ may import only: ${allowed[layer].join(", ") || "nothing of ours"} (docs/design.md §2)`,
        severity: "error",
        from: { path: `^harness/${layer}/`, pathNot: test },
        to: { path: `^harness/(${denied.concat("testing").join("|")})/` },
      };
    }),
    {
      name: "lab-entry-point",
      comment: "other layers use the lab through harness/lab/index.ts only (docs/design.md §5)",
      severity: "error",
      from: { path: "^harness/(?!lab/)", pathNot: `${test}|^harness/testing/` },
      to: { path: "^harness/lab/(?!index\\.ts$)" },
    },
    // Inside the lab: topology/ (files and their checks) ◂ net/ (addresses, DNS, listeners) ◂ servers/ (the
    // simulated products) ◂ the lab itself (lab.ts, which starts them all).
    ...[
      ["topology", "net|servers"],
      ["net", "servers"],
      ["servers", ""],
    ].map(([folder, below]) => ({
      name: `lab-${folder}`,
      comment: `harness/lab/${folder}/ may not import ${below ? `lab/${below.split("|").join(", lab/")} or ` : ""}the lab's top level`,
      severity: "error",
      from: { path: `^harness/lab/${folder}/`, pathNot: test },
      to: { path: below ? `^harness/lab/(${below}/|[^/]+$)` : "^harness/lab/[^/]+$" },
    })),
    {
      name: "no-test-imports-in-production",
      comment: "production code must not import tests or test support",
      severity: "error",
      from: { path: "^(harness|bin)/", pathNot: `${test}|^harness/testing/` },
      to: { path: `${test}|^harness/testing/` },
    },
    {
      name: "bin-only-cli",
      comment: "bin/ hands argv to harness/cli and nothing else",
      severity: "error",
      from: { path: "^bin/" },
      to: { path: "^harness/(?!cli/)" },
    },
    {
      name: "no-circular",
      // A cycle closed by a dynamic import is not one at load time: a command's description imports its handler when
      // the command runs, and the handler imports the description's flag types (harness/cli/cli-command.ts).
      severity: "error",
      from: { pathNot: test },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["dynamic-import"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // The compiled output (bin/exum.js imports it) is checked as its sources.
    exclude: { path: "^dist/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
