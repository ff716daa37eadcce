import { readFile, stat } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { inputError } from "../errors/harness-error.js";
import type { TopologySource } from "../lab/index.js";
import { yamlLocator } from "../lab/index.js";

/** How a kind of YAML file is named in errors. */
export interface YamlFileKind {
  /** `scenario`, `site file`. */
  readonly what: string;
  /** Error code prefix: `EXUM_SCENARIO` gives `EXUM_SCENARIO_UNREADABLE` and `EXUM_SCENARIO_NOT_YAML`. */
  readonly codePrefix: string;
  /** What such a file looks like, for hints. */
  readonly shape: string;
  /** Larger files are refused. */
  readonly maxBytes: number;
}

/** A parsed YAML document and where it came from: the file and a locator for its paths (harness/lab yamlLocator). */
export interface YamlSource {
  readonly data: unknown;
  readonly source: TopologySource & { readonly file: string };
}

/** How many YAML aliases a file may expand (guards against alias bombs). */
const MAX_ALIASES = 100;

/**
 * Parses YAML text with line counting, so later validation errors can name line and column (harness/lab
 * yamlLocator). Throws `<prefix>_NOT_YAML` (exit 2) for text that is not YAML, is empty, or repeats a key.
 */
export function parseYamlSource(text: string, file: string, kind: YamlFileKind): YamlSource {
  const code = `${kind.codePrefix}_NOT_YAML`;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: true, prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const position = error.linePos?.[0];
    const at = position === undefined ? file : `${file}:${position.line}:${position.col}`;
    throw inputError(code, `${at}: not valid YAML: ${error.message.split("\n")[0] ?? error.code}`, {
      file,
      hint: `a ${kind.what} is a YAML mapping (${kind.shape}); check indentation and quoting at that line`,
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw inputError(code, `${file}: ${(cause as Error).message}`, { file, hint: "use fewer YAML aliases", cause });
  }
  if (data === null || data === undefined) {
    throw inputError(code, `${file}: the file is empty`, { file, hint: `a ${kind.what} is a YAML mapping (${kind.shape})` });
  }
  return { data, source: { file, locate: yamlLocator(document, lineCounter) } };
}

/** Reads and parses a YAML file; `<prefix>_UNREADABLE` (exit 2) when it cannot be read. */
export async function readYamlSource(file: string, kind: YamlFileKind): Promise<YamlSource> {
  let text: string;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a regular file");
    if (info.size > kind.maxBytes) throw new Error(`${info.size} bytes is more than the ${kind.maxBytes} a ${kind.what} may have`);
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw inputError(`${kind.codePrefix}_UNREADABLE`, `cannot read ${kind.what} ${file}: ${(cause as Error).message}`, {
      file,
      hint: `give the path of a YAML ${kind.what}`,
      cause,
    });
  }
  return parseYamlSource(text, file, kind);
}
