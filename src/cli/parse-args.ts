import { CliError } from "./cli-error";

/** `positional --flag value` parsing for the wf commands; unknown flags are an error (exit 2). */
export function parseArgs(args: string[], flags: readonly string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!flags.includes(name)) throw new CliError(`unknown option --${name} (known: ${flags.map((f) => `--${f}`).join(", ")})`, 2);
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`option --${name} needs a value`, 2);
    options[name] = value;
  }
  return { positional, options };
}

export function parseJsonOption(name: string, value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new CliError(`--${name} is not valid JSON (${(error as Error).message})`, 2);
  }
}
