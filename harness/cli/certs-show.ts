import { resolve } from "node:path";
import { ExitCode } from "../errors/exit-codes.js";
import { readCertificateFile } from "../pki/certificate-file.js";
import { readLabManifest } from "../pki/read-lab-manifest.js";
import { summarizeCertificate } from "../pki/summarize-certificate.js";
import type { CertsArgs } from "./certs-args.js";
import { certificateSummaryText } from "./certs-summary-text.js";
import type { CliIo } from "./cli-io.js";

/** `exum certs show`: the lab's certificates as a table, or one file's certificates in detail. */
export async function runCertsShow(args: CertsArgs, io: CliIo): Promise<number> {
  if (args.input !== undefined) return showFile(args, io);
  const dir = resolve(io.cwd, args.dir ?? "certs");
  const manifest = await readLabManifest(dir);
  if (args.json === true) {
    io.out(`${JSON.stringify({ dir, manifest }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const rows: string[][] = [["FILE", "ROLE", "FQDNS", "ISSUER", "VALID TO", "VERDICT"]];
  const cn = (name: string) => /CN=([^,]+)/.exec(name)?.[1] ?? name;
  rows.push([manifest.root.files.cert, "root CA", "", cn(manifest.root.subject), manifest.root.validTo.slice(0, 10), "-"]);
  if (manifest.otherCa !== undefined) {
    rows.push([manifest.otherCa.files.cert, "untrusted CA", "", cn(manifest.otherCa.subject), manifest.otherCa.validTo.slice(0, 10), "-"]);
  }
  for (const entry of manifest.entries) {
    const verdict =
      entry.intendedVerdict === "valid"
        ? "valid"
        : `invalid: ${[...entry.expectedFailures, ...entry.expectedWarnings.map((id) => `${id}?`)].join(", ")}`;
    rows.push([
      entry.files.cert,
      entry.kind === "server" ? (entry.role ?? "server") : "mistake",
      (entry.fqdns.length > 2 ? `${entry.fqdns[0]} +${entry.fqdns.length - 1} more` : entry.fqdns.join(", ")) || "-",
      cn(entry.issuer),
      entry.validTo.slice(0, 10),
      verdict,
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  let text = `lab PKI in ${dir} (updated ${manifest.updatedAt})\n`;
  for (const row of rows) {
    text += `  ${row.map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell)).join("  ")}\n`;
  }
  text += `\nlint any of them: exum certs lint <file> --ca ${manifest.root.files.cert} --fqdn <fqdn>   (a trailing ? marks a warning)\n`;
  io.out(text);
  return ExitCode.Ok;
}

async function showFile(args: CertsArgs, io: CliIo): Promise<number> {
  const file = resolve(io.cwd, args.input ?? "");
  const read = await readCertificateFile(file, { passphrase: args.passphrase });
  const summaries = read.certificatePems.map((pem) => summarizeCertificate(pem));
  if (args.json === true) {
    io.out(`${JSON.stringify({ file, format: read.format, hasPrivateKey: read.keyPem !== undefined, certificates: summaries }, null, 2)}\n`);
    return ExitCode.Ok;
  }
  let text = `${args.input} (${read.format}, ${summaries.length} certificate(s)${read.keyPem === undefined ? "" : ", with a private key"})\n`;
  for (const [index, summary] of summaries.entries()) {
    if (summaries.length > 1) text += `[${index}]${index === 0 ? " leaf" : ""}\n`;
    text += certificateSummaryText(summary);
  }
  io.out(text);
  return ExitCode.Ok;
}
