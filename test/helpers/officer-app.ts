/**
 * What end-to-end tests do in the officer app in Chromium, in Italian: open it from a code's link,
 * wait for its section, type a count into its form, and find a line of its outbox.
 */
import type { Locator, Page } from 'playwright-core';

/** A count as the app's form asks for it; a run-off's has the ballots and candidates' votes only. */
export interface OfficerAppCount {
  voters: number;
  blankBallots: number;
  invalidBallots: number;
  contestedBallots: number;
  candidateVotes: Record<string, number>;
  candidateOnlyVotes?: Record<string, number>;
  listVotes?: Record<string, number>;
  preferenceVotes?: Record<string, number>;
}

/** Waits until the app shows its section's heading (once opened, or reloaded). */
export async function waitForSection(page: Page, sectionId: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: `Sezione ${sectionId}` }).waitFor();
}

/** The app opened from a printed sheet's link: the code travels in the fragment, never to a server. */
export async function openOfficerApp(page: Page, siteUrl: string, token: string, sectionId: string) {
  await page.goto(new URL(`/officer/#token=${token}`, siteUrl).href);
  await waitForSection(page, sectionId);
}

/** Types `count` into the count form, opening the preference votes' fold where it has any. */
export async function fillCountForm(page: Page, count: OfficerAppCount): Promise<void> {
  const form = page.locator('form[data-form="results"]');
  for (const name of ['voters', 'blankBallots', 'invalidBallots', 'contestedBallots'] as const)
    await form.locator(`[name="${name}"]`).fill(String(count[name]));
  for (const group of ['candidateVotes', 'candidateOnlyVotes', 'listVotes'] as const)
    for (const [id, votes] of Object.entries(count[group] ?? {}))
      await form.locator(`[name="${group}.${id}"]`).fill(String(votes));
  for (const [id, votes] of Object.entries(count.preferenceVotes ?? {})) {
    const input = form.locator(`[name="preferenceVotes.${id}"]`);
    if (!(await input.isVisible())) await input.locator('xpath=ancestor::details/summary').click();
    await input.fill(String(votes));
  }
}

/** The outbox line about `what` once it says `state` (the app updates a line in place). */
export const outboxLine = (page: Page, what: string, state: string): Locator =>
  page.locator('#outbox li').filter({ hasText: what }).filter({ hasText: state }).first();
