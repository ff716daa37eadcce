import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { failureCodesDocument, failureCodesTable } from "../model/failure-codes-markdown.js";
import { probeJsonSchema, runJsonSchema } from "../model/run-json-schema.js";
import { writeFileAtomic } from "../files/write-file-atomic.js";
import { jsonSchemaText } from "../scenario/scenario-json-schema.js";
import { jsonSchemaFiles } from "../scenario/write-json-schemas.js";

/** One committed file that is generated from the code: its path and what it must hold, given what it holds now. */
export interface GeneratedFile {
  readonly file: string;
  readonly expected: (current: string | null) => string;
}

const README_BEGIN = "<!-- generated: failure-codes (npm run generate) -->";
const README_END = "<!-- end generated: failure-codes -->";

/** README.md with the failure-code table between its markers replaced; the rest as it is. */
export function spliceReadme(readme: string): string {
  const begin = readme.indexOf(README_BEGIN);
  const end = readme.indexOf(README_END);
  if (begin === -1 || end < begin) throw new Error(`README.md has lost its markers ${README_BEGIN} … ${README_END}`);
  return `${readme.slice(0, begin + README_BEGIN.length)}\n${failureCodesTable()}\n${readme.slice(end)}`;
}

/**
 * Every committed file generated from the code (`npm run generate` writes them; generated-files.test.ts fails when
 * one is stale): the scenario and site JSON Schemas, the run.json JSON Schema (docs/run.schema.json), the options/call --json JSON Schema (docs/probe.schema.json), the failure-code
 * document and README.md's failure-code table.
 */
export function generatedFiles(root = "."): GeneratedFile[] {
  return [
    ...jsonSchemaFiles(join(root, "scenarios")).map(({ file, text }) => ({ file, expected: () => text })),
    { file: join(root, "docs", "run.schema.json"), expected: () => jsonSchemaText(runJsonSchema()) },
    { file: join(root, "docs", "probe.schema.json"), expected: () => jsonSchemaText(probeJsonSchema()) },
    { file: join(root, "docs", "failure-codes.md"), expected: () => failureCodesDocument() },
    {
      file: join(root, "README.md"),
      expected: (current) => {
        if (current === null) throw new Error("README.md is missing");
        return spliceReadme(current);
      },
    },
  ];
}

/** Reads a generated file's current text, or null when it does not exist. */
export async function currentText(file: string): Promise<string | null> {
  return readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
}

/** Writes every generated file whose text differs; returns the files written. */
export async function writeGeneratedFiles(root = "."): Promise<string[]> {
  const written: string[] = [];
  for (const generated of generatedFiles(root)) {
    const current = await currentText(generated.file);
    const text = generated.expected(current);
    if (text === current) continue;
    await writeFileAtomic(generated.file, text);
    written.push(generated.file);
  }
  return written;
}
