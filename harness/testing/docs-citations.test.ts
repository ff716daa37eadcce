import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import t from "tap";

/**
 * Every document the code cites is in the repository: `docs/<name>.md` exists, and `docs/<name>.md §N` names a
 * numbered `## N.` section of it (docs/README.md: the citation convention). A newcomer who clones the project can
 * follow every citation; a renumbered section or a renamed file fails here.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const SCANNED = ["harness", "bin", "scenarios", "certs", ".ci", "README.md"];
const CITATION = /docs\/([a-z0-9-]+\.md)(?:\s*§\s*(\d+))?/g;
const ISSUE = /\bissues?\s*#?\d+/i;

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  let entries: string[];
  try {
    if (!statSync(full).isDirectory()) return [full];
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.filter((name) => name !== "node_modules").flatMap((name) => filesUnder(join(path, name)));
}

function sectionsOf(text: string): Set<string> {
  return new Set([...text.matchAll(/^## (\d+)\./gm)].map((match) => match[1] ?? ""));
}

const files = SCANNED.flatMap(filesUnder).filter((file) => /\.(ts|md|ya?ml|json|cjs|sh)$|\/run$/.test(file));
const docs = new Map<string, Set<string>>();
for (const name of readdirSync(join(ROOT, "docs")).filter((entry) => entry.endsWith(".md"))) {
  docs.set(name, sectionsOf(readFileSync(join(ROOT, "docs", name), "utf8")));
}

t.test("every cited document and numbered section exists in docs/", async (t) => {
  const broken: string[] = [];
  let citations = 0;
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(CITATION)) {
      citations++;
      const [, name = "", section] = match;
      const sections = docs.get(name);
      if (sections === undefined) broken.push(`${relative(ROOT, file)}: ${match[0]} (no such file)`);
      else if (section !== undefined && !sections.has(section)) broken.push(`${relative(ROOT, file)}: ${match[0]} (no "## ${section}." heading)`);
    }
  }
  t.ok(citations > 300, `the code cites the docs (${citations} citations seen)`);
  t.same(broken, [], "broken citations");
});

t.test("the code does not cite a work queue or documents outside the repository", async (t) => {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, "utf8")
      .split("\n")
      .forEach((line, index) => {
        if (ISSUE.test(line) || /\.\.\/shared\b|\b(PROTOCOL|DESIGN|PEERS|SIPJS|MEDIA|STYLE)\\?\.md/.test(line)) {
          found.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim().slice(0, 100)}`);
        }
      });
  }
  t.same(found, []);
});

t.test("the checker sees a broken citation", async (t) => {
  const sections = sectionsOf("## 1. One\n## 2. Two\n### 3. not a section\n");
  t.same([...sections], ["1", "2"]);
  t.same([..."see docs/protocol.md §5 and docs/peers.md".matchAll(CITATION)].map((match) => [match[1], match[2]]), [
    ["protocol.md", "5"],
    ["peers.md", undefined],
  ]);
});
