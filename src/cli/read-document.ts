import { readFileSync } from "node:fs";
import { CliError } from "./cli-error";

/** Read and JSON-parse a workflow file, with errors that name the file and the position. */
export function readJsonFile(file: string | undefined): unknown {
  if (!file) throw new CliError("missing FILE argument", 2);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read (${code ?? "error"})`, 2);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file}: not valid JSON (${(error as Error).message})`, 2);
  }
}
