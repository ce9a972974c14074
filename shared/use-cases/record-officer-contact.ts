/**
 * The heartbeat of a polling station: every authenticated request of a section's officer (a
 * submission, a read, a poll for messages) records its last contact and the app's version, at
 * most once a minute: the table's condition says so across instances, and each instance skips
 * the write for a section it recorded less than a minute ago, so most requests cost nothing. It
 * never fails the request: a refused or failed write is logged and let go.
 */
import { recordSectionContact } from '../db/section-contacts.js';
import { appVersionOf, CONTACT_EVERY_MS } from '../domain/station-watch.js';
import { logger } from '../logger.js';

/** Sections this instance recorded, and when; forgotten whole past this many (a town's sections fit). */
const recentlyRecorded = new Map<string, number>();
const REMEMBERED = 10_000;

export async function recordOfficerContact(
  electionId: string,
  sectionId: string,
  appVersionHeader: string | undefined,
  now = new Date(),
): Promise<void> {
  const section = `${electionId}/${sectionId}`;
  const last = recentlyRecorded.get(section);
  if (last !== undefined && now.getTime() - last < CONTACT_EVERY_MS && now.getTime() >= last) return;
  if (recentlyRecorded.size >= REMEMBERED) recentlyRecorded.clear();
  recentlyRecorded.set(section, now.getTime());
  try {
    await recordSectionContact(electionId, sectionId, now, appVersionOf(appVersionHeader));
  } catch (error) {
    logger.warn('the section contact was not recorded', { electionId, sectionId, error });
  }
}
