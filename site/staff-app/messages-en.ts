/** The staff page in English, and the printable sheet of officer codes. */
import type { StaffMessages } from './message-types.js';

export const en: StaffMessages = {
  title: 'Municipal staff',
  titleOf: (election) => `${election} — Staff`,
  otherLanguage: 'Italiano',
  signIn: {
    token: 'Staff code',
    election: 'Election (identifier)',
    button: 'Sign in',
    notStaff: 'This is not a staff code.',
  },
  unreachable: 'The server does not answer: check the connection.',
  errorStatus: (status) => `error ${status}`,
  reload: 'Refresh',
  signOut: 'Sign out',
  rehearsal: 'REHEARSAL — test election',
  certifiedState: { strong: 'Results certified', rest: ': no change is possible any more.' },
  openState: 'Election open.',
  progress: (reported, total, flagged) => `Counts in: ${reported} of ${total}; to review: ${flagged}.`,
  flagged: {
    heading: (count) => `To review (${count})`,
    none: 'Nothing to review.',
    turnout: (slot) => `Turnout ${slot}`,
    count: 'Count',
    item: (what, version) => `${what} (version ${version})`,
    decision: 'Decision',
    approve: 'Approve: it counts in the results',
    reopen: 'Reopen: the polling station sends it again',
    reason: 'Reason (kept in the section’s history)',
    confirm: 'Confirm the decision',
  },
  review: {
    what: (sectionId, slotId) => `section ${sectionId}${slotId ? `, turnout ${slotId}` : ''}`,
    approved: (what) => `Approved: ${what}.`,
    reopened: (what) => `Reopened: ${what}.`,
    failed: (what, error) => `Not done (${what}): ${error}`,
  },
  missing: {
    heading: 'Missing sections',
    caption: 'Sections that have not sent yet',
    headers: ['Data', 'Missing', 'Sections'],
    ofTotal: (missing, total) => `${missing} of ${total}`,
    andMore: (count) => ` and ${count} more`,
    reopened: ' (reopened)',
  },
  quarantine: {
    heading: 'Stream quarantine',
    unreadable: 'The quarantine could not be read: press Refresh.',
    none: 'No records in quarantine.',
    some: (count) =>
      `${count} stream records could not be read and are kept whole: report them to the technical team.`,
  },
  healing: {
    heading: 'Automatic check of the totals',
    notYet: 'The automatic check has not run yet.',
    lastRun: (at) => `Last check: ${at}.`,
    nothing: 'No difference to repair: the totals match the sections.',
    repaired: (count, at) =>
      `At ${at} the check repaired ${count} differences (already published as "repaired"):`,
    section: (sectionId, item) =>
      `section ${sectionId}, ${item === 'results' ? 'count' : `turnout ${item.replace('turnout/', '')}`}`,
    totals: 'the totals themselves',
  },
  codes: {
    heading: 'Polling station codes',
    intro:
      'A new code replaces the previous one, which stops working at once. Codes are shown only once: the sheet to print downloads at once, with each section’s link and QR code.',
    sections: 'Sections (for example 1, 2, 15; or “all”)',
    operation: 'Operation',
    issue: 'Issue new codes and download the sheet to print',
    revoke: 'Revoke the codes (nobody can use them any more)',
    confirm: 'Confirm',
    failed: (error) => `Operation failed: ${error}`,
    revoked: (sections) =>
      `Codes revoked: ${sections.length ? sections.join(', ') : 'none (there were none)'}.`,
    issued: (count) =>
      `Issued ${count} new codes: the sheet to print has been downloaded. Print it, then delete the file.`,
    sheetFile: (electionId) => `${electionId}-officer-codes.html`,
    notDone: (sections) =>
      `Not done for ${sections.length} sections (${sections.slice(0, 10).join(', ')}${sections.length > 10 ? ', …' : ''}): try them again.`,
    jobRunning: (processed, total) =>
      `Working through every section: ${processed} of ${total ?? '…'} done. Keep this page open.`,
    jobFailed: (error) => `The operation stopped: ${error}`,
    issuedInParts: (count, parts) =>
      `Issued ${count} new codes: the sheet to print has been downloaded in ${parts} files. Print them, then delete the files.`,
    revokedByJob: (count) => `Codes revoked: ${count}.`,
    sheetPartFile: (electionId, part, parts) =>
      `${electionId}-officer-codes-${String(part).padStart(2, '0')}-of-${parts}.html`,
  },
  exports: {
    heading: 'Data',
    csv: 'Download CSV',
    json: 'Download JSON',
    cdf: 'Download NIST CDF',
    audit: 'Download the audit trail',
    failed: (error) => `Export failed: ${error}`,
    auditFailed: (error) => `Audit trail not downloaded: ${error}`,
    auditFile: (electionId) => `${electionId}-audit-trail.json`,
  },
  certify: {
    heading: 'Certification',
    done: 'The election is certified.',
    intro:
      'Certifying stops every change, and the public page says “Official results, certified”. To confirm, type the election’s identifier:',
    label: 'Identifier',
    button: 'Certify the election',
    mistyped: 'To certify, type the election’s identifier exactly.',
    certified: 'Election certified.',
    failed: (error) => `Certification failed: ${error}`,
  },
  sheet: {
    title: (election) => `Polling station codes — ${election}`,
    heading: (election) => `Polling station sign-in codes — ${election}`,
    rehearsal: 'REHEARSAL — codes of a test election',
    qrLabel: (sectionId) => `QR code: sign-in link of section ${sectionId}`,
    scanOrOpen: 'Scan the QR code with the phone, or open',
    thenType: 'and type the code:',
    keepSecret:
      'The code works for this section only. Do not photograph or share it. If it is lost, the municipality issues a new one and this one stops working.',
  },
};
