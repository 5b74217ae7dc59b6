/**
 * `npm run wf -- <command>`: the command line, against the same database and
 * code as the app. Exit codes: 0 success, 1 the operation failed, 2 invalid
 * input (bad arguments, unreadable or invalid workflow file).
 */
import { DomainError } from "@/server/errors";
import { CliError } from "./cli-error";
import { importCommand } from "./commands/import";
import { validateCommand } from "./commands/validate";
import { runCommand } from "./commands/run";
import { cancelCommand } from "./commands/cancel";
import { decideCommand } from "./commands/decide";
import { workersCommand } from "./commands/workers";
import { userCreateCommand } from "./commands/user-create";
import { tokenCreateCommand } from "./commands/token-create";

const USAGE = `usage: npm run wf -- <command>

commands:
  validate FILE   check a workflow file; exit 0 if valid, else 2 with one line per problem
  import FILE     store the workflow (a new version if one with the same name exists); prints its id
  run FILE|ID [--input JSON] [--idempotency-key K] [--mode normal|test|debug] [--priority N]
                  run to a terminal state; prints { executionId, status, output, error, durationMs, nodeRuns }
                  exit 0 succeeded, 1 failed/cancelled/timed_out, 2 invalid input
  cancel ID       cancel an execution (running effects are aborted)
  decide TASK_ID approve|reject [--comment TEXT] [--data JSON] [--by WHO]
                  decide a pending approval task
  workers [--stale-after S] [--json]
                  list workers: id, host, pid, running jobs, heartbeat age, alive/stale; exit 1 if none alive
  user:create --email EMAIL --role admin|builder|approver|viewer [--name NAME] [--password PASSWORD]
                  add an account (password also from SWITCHYARD_PASSWORD; else one is generated and printed once)
                  exit 0 created, 1 the email exists, 2 bad input
  token:create --email EMAIL [--name NAME]
                  create an API token for a user (Authorization: Bearer …); printed once
  help            show this text

With SWITCHYARD_URL and SWITCHYARD_TOKEN set, run (a workflow ID), cancel and decide go through that
server's API as the token's user; otherwise every command works against the database directly.`;

const commands: Record<string, (args: string[]) => number | Promise<number>> = {
  validate: validateCommand,
  import: importCommand,
  run: runCommand,
  cancel: cancelCommand,
  decide: decideCommand,
  workers: workersCommand,
  "user:create": userCreateCommand,
  "token:create": tokenCreateCommand,
  help: () => (console.log(USAGE), 0),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined || name === "--help" || name === "-h" ? commands.help : commands[name];
  if (!command) {
    console.error(`wf: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(`wf: ${error.message}`);
      for (const line of error.details) console.error(line);
      return error.exitCode;
    }
    if (error instanceof DomainError) {
      console.error(`wf: ${error.problems.length ? "invalid workflow" : error.message}`);
      for (const problem of error.problems) console.error(problem.text);
      // Something the caller named is wrong or missing: invalid input (2). A conflict is a failed operation (1).
      return error.code === "CONFLICT" ? 1 : 2;
    }
    console.error(`wf: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
