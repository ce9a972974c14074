/** What the staff page (and the printable sheet of officer codes it downloads) says: the shape every dictionary fills. */

export const STAFF_LANGUAGES = ['it', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

export interface StaffMessages {
  /** The page's name: the sign-in heading, and the tab's title before an election is open. */
  title: string;
  /** The tab's title once an election is open. */
  titleOf: (election: string) => string;
  /** The switch's label, in the other language. */
  otherLanguage: string;
  signIn: { token: string; election: string; button: string; notStaff: string };
  unreachable: string;
  errorStatus: (status: number) => string;
  reload: string;
  signOut: string;
  rehearsal: string;
  certifiedState: { strong: string; rest: string };
  openState: string;
  progress: (reported: number, total: number, flagged: number) => string;
  flagged: {
    heading: (count: number) => string;
    none: string;
    turnout: (slot: string) => string;
    count: string;
    item: (what: string, version: number) => string;
    decision: string;
    approve: string;
    reopen: string;
    reason: string;
    confirm: string;
  };
  review: {
    what: (sectionId: string, slotId: string | undefined) => string;
    approved: (what: string) => string;
    reopened: (what: string) => string;
    failed: (what: string, error: string) => string;
  };
  missing: {
    heading: string;
    caption: string;
    headers: [string, string, string];
    ofTotal: (missing: number, total: number) => string;
    andMore: (count: number) => string;
    reopened: string;
  };
  quarantine: { heading: string; unreadable: string; none: string; some: (count: number) => string };
  healing: {
    heading: string;
    notYet: string;
    lastRun: (at: string) => string;
    nothing: string;
    repaired: (count: number, at: string) => string;
    section: (sectionId: string, item: string) => string;
    totals: string;
  };
  codes: {
    heading: string;
    intro: string;
    sections: string;
    operation: string;
    issue: string;
    revoke: string;
    confirm: string;
    failed: (error: string) => string;
    revoked: (sections: string[]) => string;
    issued: (count: number) => string;
    sheetFile: (electionId: string) => string;
    /** Some sections were not done (a concurrent change, the request's time): named, to ask again. */
    notDone: (sections: string[]) => string;
    /** A job, for more sections than one request takes. */
    jobRunning: (processed: number, total: number | null) => string;
    jobFailed: (error: string) => string;
    issuedInParts: (count: number, parts: number) => string;
    revokedByJob: (count: number) => string;
    sheetPartFile: (electionId: string, part: number, parts: number) => string;
  };
  exports: {
    heading: string;
    csv: string;
    json: string;
    cdf: string;
    audit: string;
    failed: (error: string) => string;
    auditFailed: (error: string) => string;
    auditFile: (electionId: string) => string;
  };
  certify: {
    heading: string;
    done: string;
    intro: string;
    label: string;
    button: string;
    mistyped: string;
    certified: string;
    failed: (error: string) => string;
  };
  /** The printable sheet of officer codes (site/officer-sheet/render.ts). */
  sheet: {
    title: (election: string) => string;
    heading: (election: string) => string;
    rehearsal: string;
    qrLabel: (sectionId: string) => string;
    scanOrOpen: string;
    thenType: string;
    keepSecret: string;
  };
}
