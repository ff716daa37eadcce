import { readFile, stat } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { HarnessErrorCode } from "../errors/harness-error-code.js";
import { inputError } from "../errors/harness-error.js";
import type { InputSource } from "./input-error.js";
import { yamlLocator } from "./yaml-locator.js";

/** How a kind of YAML file is named in errors. */
export interface YamlFileKind {
  /** `scenario`, `site file`, `topology file`. */
  readonly what: string;
  /** The codes of its errors: a file that cannot be read, and text that is not YAML (or is empty). */
  readonly codes: { readonly unreadable: HarnessErrorCode; readonly notYaml: HarnessErrorCode };
  /** What such a file looks like, for hints. */
  readonly shape: string;
  /** The hint for an empty file; default: what such a file looks like. */
  readonly emptyHint?: string;
  /** The hint when a file cannot be read; default: give the path of such a file. */
  readonly unreadableHint?: string;
  /** Larger files are refused. */
  readonly maxBytes: number;
}

/** A parsed YAML document and where it came from: the file and a locator for its paths (yaml-locator.ts). */
export interface YamlSource {
  readonly data: unknown;
  readonly source: InputSource & { readonly file: string };
}

/** How many YAML aliases a file may expand (guards against alias bombs). */
const MAX_ALIASES = 100;

/**
 * Parses YAML text with line counting, so later validation errors can name line and column (yaml-locator.ts): the one
 * YAML reader of topology, scenario and site files. Throws `codes.notYaml` (exit 2) for text that is not YAML, is
 * empty, repeats a key or expands too many aliases.
 */
export function parseYamlSource(text: string, file: string, kind: YamlFileKind): YamlSource {
  const code = kind.codes.notYaml;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const at = position === undefined ? file : `${file}:${position.line}:${position.col}`;
    throw inputError(code, `${at}: not valid YAML: ${(error.message.split("\n")[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, "")}`, {
      file,
      hint: `a ${kind.what} is a YAML mapping (${kind.shape}); check indentation and quoting at that line`,
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw inputError(code, `${file}: ${(cause as Error).message}`, {
      file,
      hint: "check the YAML anchors (&name) and aliases (*name): each anchor before its aliases, and few expansions",
      cause,
    });
  }
  if (data === null || data === undefined) {
    throw inputError(code, `${file}: the file is empty`, { file, hint: kind.emptyHint ?? `a ${kind.what} is a YAML mapping (${kind.shape})` });
  }
  return { data, source: { file, locate: yamlLocator(document, lineCounter) } };
}

/** Reads and parses a YAML file; `codes.unreadable` (exit 2) when it cannot be read (or is too large). */
export async function readYamlSource(file: string, kind: YamlFileKind): Promise<YamlSource> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > kind.maxBytes) throw new Error(`${info.size} bytes is more than the ${kind.maxBytes} a ${kind.what} may have`);
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw inputError(kind.codes.unreadable, `cannot read ${kind.what} ${file}: ${(cause as Error).message}`, {
      file,
      hint: kind.unreadableHint ?? `give the path of a YAML ${kind.what}`,
      cause,
    });
  }
  return parseYamlSource(text, file, kind);
}
