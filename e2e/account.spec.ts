import { AccountPage, AppHeader, createUserThroughApi, expect, SignInPage, test, uniqueEmail } from "./fixtures/accounts";

test("change your password: the old one stops working, the new one signs in", async ({ request, signInAs }, testInfo) => {
  // Not the owner: a password change signs out the user's other sessions, the saved owner session among them.
  const user = { email: uniqueEmail("cai"), password: "first-password-1", role: "builder" as const };
  await createUserThroughApi(request, user);
  const page = await signInAs(user);
  const account = new AccountPage(page);
  await new AppHeader(page).openUserMenu();
  await page.getByRole("menuitem", { name: "Account" }).click();
  await expect(account.heading).toBeVisible();
  await expect(page.getByText(`${user.email} · Builder`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-account.png") });

  // Checked in the page first, then by the server.
  await account.changePassword(user.password, "second-password-2", "second-password-3");
  await expect(account.passwordSection.getByRole("alert")).toHaveText("The passwords do not match.");
  await account.changePassword("not-my-password", "second-password-2");
  await expect(account.passwordSection.getByRole("alert")).toHaveText("The current password is wrong.");
  await account.changePassword(user.password, "second-password-2");
  await expect(account.passwordSection.getByRole("status")).toContainText("Password changed.");
  await page.screenshot({ path: testInfo.outputPath("02-password-changed.png") });

  // This browser stays signed in; signing in again needs the new password.
  await page.reload();
  await expect(account.heading).toBeVisible();
  await new AppHeader(page).signOut();
  const signIn = new SignInPage(page);
  await signIn.signIn(user.email, user.password);
  await expect(signIn.error).toHaveText("Wrong email or password.");
  await signIn.signIn(user.email, "second-password-2");
  await page.waitForURL(/\/workflows$/);
});

test("an API token is shown once, works as its user, and stops working when revoked", async ({ page, playwright }, testInfo) => {
  const account = new AccountPage(page);
  const name = `Deploy script ${Date.now().toString(36)}`;
  await account.goto();
  await account.tokenName.fill(name);
  await account.createTokenButton.click();
  const shown = account.newToken(name);
  await expect(shown).toHaveValue(/^sy_\S{40,}$/);
  await expect(page.getByText(`Copy the token “${name}” now: it is shown only once.`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy" })).toBeVisible();
  const token = await shown.inputValue();
  await expect(account.token(name)).toContainText(`${token.slice(0, 8)}…`);
  await expect(account.token(name)).toContainText("Never");
  await page.screenshot({ path: testInfo.outputPath("01-token-created.png") });

  // A script with the token acts as its user.
  const script = await playwright.request.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await script.get("/api/trpc/workflow.list")).status()).toBe(200);

  // Shown once: after a reload only its prefix remains, now with a last use.
  await page.reload();
  await expect(account.token(name)).toBeVisible();
  await expect(account.newToken(name)).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);
  await expect(account.token(name)).not.toContainText("Never");

  await account.token(name).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("group", { name: `Confirm revoking ${name}` }).getByRole("button", { name: "Revoke" }).click();
  await expect(account.token(name)).toContainText("Revoked");
  await page.screenshot({ path: testInfo.outputPath("02-token-revoked.png") });
  expect((await script.get("/api/trpc/workflow.list")).status()).toBe(401);
  await script.dispose();
});
