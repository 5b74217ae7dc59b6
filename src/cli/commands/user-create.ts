import { passwordProblem } from "@/server/auth/password";
import { isRole, ROLES } from "@/server/auth/roles";
import { createUser, generatePassword } from "@/server/auth/users";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { parseArgs } from "../parse-args";

const USAGE = `usage: wf user:create --email EMAIL --role ${ROLES.join("|")} [--name NAME] [--password PASSWORD]`;

/**
 * `wf user:create`: adds an account directly in the database (no server
 * needed), e.g. the first admin of a server nobody can reach yet. The password
 * comes from --password, else SWITCHYARD_PASSWORD, else is generated and printed once.
 * Exit 0 created, 1 the email exists, 2 bad input.
 */
export async function userCreateCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["email", "role", "name", "password"]);
  if (positional.length > 0 || !options.email || !options.role) throw new CliError(USAGE, 2);
  const role = options.role;
  if (!isRole(role)) throw new CliError(`--role must be one of ${ROLES.join(", ")} (got "${role}")`, 2);
  const given = options.password ?? (process.env.SWITCHYARD_PASSWORD || undefined);
  const password = given ?? generatePassword();
  const problem = passwordProblem(password);
  if (problem) throw new CliError(problem, 2);
  return withCliDatabase(async ({ prisma }) => {
    const user = await createUser(prisma, { user: null, ip: null }, { email: options.email!, role, name: options.name, password }, "cli");
    const shown = given === undefined ? { password, note: "the password is shown only this once" } : {};
    console.log(JSON.stringify({ id: user.id, email: user.email, name: user.name, role: user.role, ...shown }));
    return 0;
  });
}
