import { AppHeader, createUserThroughApi, expect, SignInPage, test, uniqueEmail, UsersAdminPage } from "./fixtures/accounts";
import { OWNER } from "./fixtures/owner";

test("an admin adds a user, changes their role and disables them; a disabled user cannot sign in", async ({ page, signInAs, signedOutPage }, testInfo) => {
  const users = new UsersAdminPage(page);
  const email = uniqueEmail("bea");
  await users.goto();
  await expect(users.row(OWNER.email)).toContainText("(you)");

  // No password given: the server generates one, shown once.
  await users.addUser({ email, name: "Bea Builder", role: "builder" });
  await expect(users.form.getByRole("status")).toContainText(`Added ${email} as builder.`);
  const generated = users.form.getByLabel(`Password for ${email}`);
  await expect(generated).toHaveValue(/^\S{16,}$/);
  const password = await generated.inputValue();
  await expect(users.row(email)).toContainText("Bea Builder");
  await expect(users.row(email)).toContainText("Active");
  await expect(users.roleOf(email)).toHaveValue("builder");
  await page.screenshot({ path: testInfo.outputPath("01-user-added.png") });

  // The same email twice: the server's sentence.
  await users.addUser({ email, role: "viewer", password: "another-password" });
  await expect(users.form.getByRole("alert")).toHaveText(`A user with the email ${email} already exists.`);

  // They sign in with the generated password and may build.
  const bea = await signInAs({ email, password });
  await expect(bea.getByRole("button", { name: "Create workflow" })).toBeVisible();

  // A role change applies to their open session at once.
  await users.setRole(email, "viewer");
  await page.reload();
  await expect(users.roleOf(email)).toHaveValue("viewer");
  await bea.reload();
  await expect(bea.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  await expect(bea.getByRole("button", { name: "Create workflow" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("02-role-changed.png") });

  // Disabling signs them out, and they cannot sign in again.
  await users.disable(email);
  await page.screenshot({ path: testInfo.outputPath("03-disabled.png") });
  await bea.reload();
  await expect(bea).toHaveURL(/\/login$/);
  const signIn = new SignInPage(await signedOutPage());
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(signIn.error).toHaveText("This account is disabled; ask an admin to enable it.");
  await signIn.page.screenshot({ path: testInfo.outputPath("04-disabled-cannot-sign-in.png") });

  // Enabled again, they can.
  await users.row(email).getByRole("button", { name: "Enable" }).click();
  await expect(users.row(email)).toContainText("Active");
  await signIn.signIn(email, password);
  await signIn.page.waitForURL(/\/workflows$/);
});

test("the last admin cannot demote themselves: the server's reason is shown", async ({ page }, testInfo) => {
  const users = new UsersAdminPage(page);
  await users.goto();
  await users.setRole(OWNER.email, "builder");
  await expect(users.table.getByRole("alert")).toHaveText("You are the last active admin; make another user admin first.");
  await expect(users.roleOf(OWNER.email)).toHaveValue("admin");
  await page.screenshot({ path: testInfo.outputPath("01-last-admin.png") });
});

test("a builder has no Users link, and /users tells them they have no access", async ({ request, signInAs }, testInfo) => {
  const builder = { email: uniqueEmail("ben"), password: "builder-password-1", role: "builder" as const };
  await createUserThroughApi(request, builder);
  const page = await signInAs(builder);
  const header = new AppHeader(page);
  await expect(header.navLink("Workflows")).toBeVisible();
  await expect(header.navLink("Approvals")).toBeVisible();
  await expect(header.navLink("Users")).toHaveCount(0);

  const response = await page.goto("/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Users" })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("01-forbidden.png") });
  // The API refuses too, whatever the page shows.
  expect((await page.request.get("/api/trpc/user.list")).status()).toBe(403);

  await page.getByRole("link", { name: "Back to workflows" }).click();
  await expect(page).toHaveURL(/\/workflows$/);
});
