/** What end-to-end tests do on the staff page in Chromium before their own steps: sign in with the break-glass staff code. */
import type { Page } from 'playwright-core';

/** Signs in on the page's sign-in view (in Italian) with a staff code rather than an account. */
export async function signInWithStaffCode(page: Page, code: string): Promise<void> {
  await page.getByRole('button', { name: 'Usa invece il codice del personale' }).click();
  await page.getByLabel('Codice del personale').fill(code);
  await page.getByRole('button', { name: 'Entra' }).click();
}
