// Debian's Chromium, driven by playwright-core (never a downloaded browser), and the checks every
// visited page gets: a screenshot in test-artifacts/ and axe with zero violations.
import AxeBuilder from '@axe-core/playwright';
import { fileURLToPath, URL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    // Playwright gives each launch a new, empty profile. Without the networking flags Chromium
    // keeps trying to reach Google's hosts, which this machine's closed network refuses.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, baseURL: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // The server's Content-Security-Policy allows our own files only: anything it refuses (an
  // inline script or style, a foreign host) is an error of the page.
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** A screenshot of what is in view, for screens where the full page is too tall to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png` });
}

/** Screenshot the page, then assert that axe finds nothing wrong with it. */
export async function checkPage(page: Page, name: string) {
  await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(violations, `axe on ${name} (${page.url()})`).toEqual([]);
}
