import { AppHeader, expect, SetupPage, SIGNED_OUT, SignInPage, test } from "./fixtures/accounts";
import { OWNER, OWNER_STORAGE_STATE } from "./fixtures/owner";

/**
 * Runs first, on the fresh e2e database (the "setup" project): the first
 * visitor is sent to the owner setup, creates the owner account, and is
 * signed in. Its browser state is saved for every other test.
 */
test("owner setup on first run", async ({ page, browser }, testInfo) => {
  const setup = new SetupPage(page);
  const header = new AppHeader(page);

  // Any page leads to the setup while nobody has an account.
  await page.goto("/workflows");
  await page.waitForURL(/\/setup$/);
  await expect(setup.heading).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("01-setup.png") });

  // The two passwords must match; nothing is created until they do.
  await setup.fill(OWNER, "something else");
  await setup.submit.click();
  await expect(setup.error).toHaveText("The passwords do not match.");
  await expect(page).toHaveURL(/\/setup$/);
  await page.screenshot({ path: testInfo.outputPath("02-passwords-differ.png") });

  await setup.confirm.fill(OWNER.password);
  await setup.submit.click();
  await page.waitForURL(/\/workflows$/);
  await expect(page.getByRole("heading", { name: "Workflows", level: 1 })).toBeVisible();
  await expect(page.getByText("No workflows yet — create your first one")).toBeVisible();

  // Signed in as the owner, an admin.
  await expect(header.userMenuButton).toContainText(OWNER.name);
  await expect(header.navLink("Users")).toBeVisible();
  await header.openUserMenu();
  await expect(header.userMenu).toContainText(OWNER.email);
  await expect(header.userMenu).toContainText("Admin");
  await expect(header.userMenu.getByRole("menuitem", { name: "Account" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(header.userMenu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath("03-signed-in.png") });
  await page.keyboard.press("Escape");
  await expect(header.userMenu).toBeHidden();

  // Setup is over: for a signed-in owner /setup leads home, for anyone else to sign-in.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/workflows$/);
  const stranger = await browser.newContext({ storageState: SIGNED_OUT });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/setup");
  await expect(strangerPage).toHaveURL(/\/login$/);
  await expect(new SignInPage(strangerPage).heading).toBeVisible();
  await stranger.close();

  await page.context().storageState({ path: OWNER_STORAGE_STATE });
});
