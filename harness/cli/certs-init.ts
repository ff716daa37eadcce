import { relative, resolve } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { inputError, isHarnessError } from "../errors/harness-error.js";
import { generateLabPki, type LabPkiResult } from "../pki/generate-lab-pki.js";
import { MANIFEST_FILE } from "../pki/lab-manifest.js";
import type { CertsArgs } from "./certs-args.js";
import type { CliIo } from "./cli-io.js";

/** `exum certs init`: the lab PKI under certs/ (or --dir). Prints what it made or kept, and how long it took. */
export async function runCertsInit(args: CertsArgs, io: CliIo): Promise<number> {
  const dir = resolve(io.cwd, args.dir ?? "certs");
  io.err(`exum certs init: ${dir}${args.force === true ? " (--force: everything is made again)" : ""}\n`);
  let result: LabPkiResult;
  try {
    result = await generateLabPki({
      dir,
      force: args.force === true,
      ...(args["pfx-passphrase"] === undefined ? {} : { pfxPassphrase: args["pfx-passphrase"] }),
      onProgress: (line) => io.err(`  ${line}\n`),
    });
  } catch (error) {
    if (isHarnessError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError("EXUM_CERTS_DIR", `cannot write the lab PKI to ${dir} (${code ?? (error as Error).message})`, {
      file: dir,
      field: "--dir",
      hint: "choose a directory you can write to with --dir",
      cause: error,
    });
  }
  if (args.json === true) {
    io.out(`${JSON.stringify({ dir, created: result.created, kept: result.kept, elapsedMs: Math.round(result.elapsedMs), manifest: result.manifest }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  io.out(initText(result, io.cwd));
  return ExitCode.Ok;
}

function initText(result: LabPkiResult, cwd: string): string {
  const created = new Set(result.created);
  const { manifest } = result;
  const status = (name: string) => (created.has(name) ? "created" : "kept");
  const rows: string[][] = [[status(manifest.root.name), manifest.root.files.cert, manifest.root.subject, "root CA", "every valid certificate chains to it"]];
  if (manifest.otherCa !== undefined) {
    rows.push([status(manifest.otherCa.name), manifest.otherCa.files.cert, manifest.otherCa.subject, "untrusted CA", "issuer of a mistake"]);
  }
  for (const entry of manifest.entries) {
    const detail =
      entry.kind === "server"
        ? [entry.role ?? "", entry.personas?.length ? `as ${entry.personas.join(", ")}` : ""].filter(Boolean).join(" ")
        : [...entry.expectedFailures, ...entry.expectedWarnings.map((id) => `${id} (warning)`)].join(", ") || entry.description;
    const names = entry.fqdns.length > 2 ? `${entry.fqdns[0]} +${entry.fqdns.length - 1} more` : entry.fqdns.join(", ");
    rows.push([status(entry.name), entry.files.cert, names || entry.subject, entry.intendedVerdict, detail]);
  }
  const widths = [7, 0, 0, 12].map((min, column) => Math.max(min, ...rows.map((row) => (row[column] ?? "").length)));
  let text = "";
  for (const row of rows) {
    text += `  ${row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  ")}\n`;
  }
  const relativeDir = relative(cwd, result.dir);
  const where = relativeDir.startsWith("..") ? result.dir : relativeDir || ".";
  const seconds = (result.elapsedMs / 1000).toFixed(2);
  text += `\n${result.created.length} created, ${result.kept.length} kept in ${seconds} s (keys from node:crypto, certificates signed with node-forge)\n`;
  text += `manifest: ${where}/${MANIFEST_FILE} · PFX passphrase: "${manifest.pfxPassphrase}" (lab only) · private keys and PFX files are mode 0600\n`;
  return text;
}
