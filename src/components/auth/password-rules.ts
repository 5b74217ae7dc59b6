/**
 * The password checks a form can make before asking the server, which checks
 * again and has the last word. The limits MUST equal those of
 * src/server/auth/password.ts (not imported: it needs node:crypto, which does
 * not belong in the browser bundle); password-rules.test.ts compares them.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 200;
export const PASSWORD_RULE = `At least ${PASSWORD_MIN} characters.`;

/** The first problem with a new password and its confirmation, as a sentence, or null. */
export function passwordFormProblem(password: string, confirmation: string): string | null {
  if (password.length < PASSWORD_MIN) return `The password must be at least ${PASSWORD_MIN} characters long.`;
  if (password.length > PASSWORD_MAX) return `The password must be at most ${PASSWORD_MAX} characters long.`;
  if (password !== confirmation) return "The passwords do not match.";
  return null;
}
