import { AppHeader, expect, SIGNED_OUT, SignInPage, test } from "./fixtures/accounts";
import { OWNER } from "./fixtures/owner";

test.describe("signed out", () => {
  test.use({ storageState: SIGNED_OUT });

  test("a page asks to sign in first; a wrong password is refused, the right one opens that page", async ({ page }, testInfo) => {
    const signIn = new SignInPage(page);
    await page.goto("/approvals");
    await expect(page).toHaveURL(/\/login\?next=%2Fapprovals$/);
    await expect(signIn.heading).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath("01-sign-in.png") });

    await signIn.signIn(OWNER.email, "not the password");
    await expect(signIn.error).toHaveText("Wrong email or password.");
    await expect(page).toHaveURL(/\/login/);
    await page.screenshot({ path: testInfo.outputPath("02-wrong-password.png") });

    // An unknown email gets the same sentence: the form does not tell who has an account.
    await signIn.signIn("nobody@switchyard.test", "not the password");
    await expect(signIn.error).toHaveText("Wrong email or password.");

    await signIn.signIn(OWNER.email, OWNER.password);
    await page.waitForURL(/\/approvals$/);
    await expect(page.getByRole("heading", { name: "Approvals", level: 1 })).toBeVisible();
  });

  test("the API answers 401 without a session", async ({ request }) => {
    const response = await request.get("/api/trpc/workflow.list");
    expect(response.status()).toBe(401);
  });
});

test("signing out returns to the sign-in page, and pages then ask to sign in again", async ({ signInAs }, testInfo) => {
  // A session of its own: signing out the saved owner session would sign out the other tests.
  const page = await signInAs(OWNER);
  const header = new AppHeader(page);
  await expect(header.userMenuButton).toContainText(OWNER.name);

  await header.signOut();
  await expect(new SignInPage(page).heading).toBeVisible();
  expect((await page.context().cookies()).filter((cookie) => cookie.name === "sy_session")).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("01-signed-out.png") });

  await page.goto("/workflows");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fusers$/);
  expect((await page.request.get("/api/trpc/workflow.list")).status()).toBe(401);
});

test("a session that ended elsewhere is sent to sign in, keeping the page", async ({ signInAs, browser }) => {
  const page = await signInAs(OWNER);
  // Copy this browser's cookie into a second browser, sign out there: the session ends for both.
  const twin = await browser.newContext({ storageState: await page.context().storageState() });
  const twinPage = await twin.newPage();
  await twinPage.goto("/workflows");
  await new AppHeader(twinPage).signOut();
  await twin.close();

  // The first browser still sends its (now dead) cookie: the server, not the cookie, decides —
  // on a client-side navigation of the open page (the API answers 401) as on a page load.
  await new AppHeader(page).navLink("Approvals").click();
  await expect(page).toHaveURL(/\/login\?next=%2Fapprovals$/);
  await expect(new SignInPage(page).heading).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await expect(new SignInPage(page).heading).toBeVisible();
});
