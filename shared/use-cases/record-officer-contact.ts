/**
 * The heartbeat of a polling station: every authenticated request of a section's officer (a
 * submission, a read, a poll for messages) records its last contact and the app's version, at
 * most once a minute. It never fails the request: a refused or failed write is logged and let go.
 */
import { recordSectionContact } from '../db/section-contacts.js';
import { appVersionOf } from '../domain/station-watch.js';
import { logger } from '../logger.js';

export async function recordOfficerContact(
  electionId: string,
  sectionId: string,
  appVersionHeader: string | undefined,
  now = new Date(),
): Promise<void> {
  try {
    await recordSectionContact(electionId, sectionId, now, appVersionOf(appVersionHeader));
  } catch (error) {
    logger.warn('the section contact was not recorded', { electionId, sectionId, error });
  }
}
