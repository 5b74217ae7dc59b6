import { createApiToken } from "@/server/auth/api-tokens";
import { credentialUserSelect, normalizeEmail, toCurrentUser } from "@/server/auth/user-record";
import { CliError } from "../cli-error";
import { withCliDatabase } from "../cli-database";
import { parseArgs } from "../parse-args";

const USAGE = "usage: wf token:create --email EMAIL [--name NAME]";

/**
 * `wf token:create`: an API token for a user (`Authorization: Bearer <token>`),
 * printed once — only its hash is stored. Exit 0, 1 the user is disabled, 2 bad input or unknown email.
 */
export async function tokenCreateCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ["email", "name"]);
  if (positional.length > 0 || !options.email) throw new CliError(USAGE, 2);
  const name = options.name?.trim() || "cli";
  if (name.length > 100) throw new CliError("--name must be at most 100 characters", 2);
  return withCliDatabase(async ({ prisma }) => {
    const email = normalizeEmail(options.email!);
    const row = await prisma.user.findUnique({ where: { email }, select: credentialUserSelect });
    if (!row) throw new CliError(`no user has the email ${email}`, 2);
    const user = toCurrentUser(row);
    if (!user) throw new CliError(`${email} is disabled (or has an unknown role); enable the account first`, 1);
    const token = await createApiToken(prisma, { user, ip: null }, name);
    console.log(JSON.stringify({ id: token.id, name: token.name, email, token: token.token, note: "the token is shown only this once" }));
    return 0;
  });
}
