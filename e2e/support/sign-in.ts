import type { Page } from '@playwright/test';

/** Fills in and sends the sign-in form of the page's login screen. */
export async function submitSignIn(page: Page, user: { username: string; password: string }): Promise<void> {
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A browser context with no session: what a new user or a wall screen starts with. */
export const NO_SESSION = { cookies: [], origins: [] };
