// What the journeys share: signing in as a demo person, the menu, and the checks every page
// visited gets (a screenshot, an axe run with zero violations, and a check of its structure).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { checkPage } from './browser';
import { checkStructure } from './semantics';

/** The demo data's password, for every demo person. */
export const PASSWORD = 'demo-password-2026';

/** Signs in with the email and password form, and waits for the home page. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/');
}

/** The signed-in menu. */
export function menu(page: Page) {
  return page.getByRole('navigation', { name: 'Menu' });
}

/** The page's screenshot, axe run and structure check. */
export async function check(page: Page, name: string, signedIn = true) {
  await checkPage(page, name);
  await checkStructure(page, name, signedIn);
}
