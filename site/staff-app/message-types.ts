/** What the staff page (and the printable sheet of officer codes it downloads) says: the shape every dictionary fills. */

import type { StaffRole } from '../../shared/domain/staff-roles.js';

export const STAFF_LANGUAGES = ['it', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];

export interface StaffMessages {
  /** The page's name: the sign-in heading, and the tab's title before an election is open. */
  title: string;
  /** The tab's title once an election is open. */
  titleOf: (election: string) => string;
  /** The switch's label, in the other language. */
  otherLanguage: string;
  signIn: {
    /** With a person's own account: username, password, one-time code. */
    accountHeading: string;
    username: string;
    password: string;
    otp: string;
    otpHint: string;
    electionOptional: string;
    /** The break-glass staff token (ADMIN_TOKEN, `npm run admin -- staff-token`). */
    tokenHeading: string;
    tokenIntro: string;
    token: string;
    election: string;
    button: string;
    withToken: string;
    withAccount: string;
    notStaff: string;
    incomplete: string;
    wrong: string;
    throttled: string;
    signedOut: string;
    /** Signed out here, but the server could not be told: the session stays valid until it ends. */
    signedOutHere: (until: string) => string;
  };
  /** The change of an initial password, the first sign-in's only step. */
  password: {
    heading: string;
    intro: (username: string) => string;
    password: string;
    hint: (min: number) => string;
    confirm: string;
    button: string;
    tooShort: (min: number) => string;
    mismatch: string;
    failed: (error: string) => string;
    changed: string;
  };
  /** Who is signed in, on every signed-in screen. */
  session: {
    signedInAs: (name: string, username: string) => string;
    token: string;
    roleLabel: string;
    roles: Record<StaffRole, string>;
    scopeAll: string;
    scope: (elections: string) => string;
    until: (at: string) => string;
    /** A 401 from a session that has ended (its hours, signed out elsewhere, the account disabled). */
    ended: (reason: string) => string;
    otherElection: string;
    accounts: string;
    backToElection: string;
    backToElections: string;
  };
  /** Signed in, no election open. */
  home: {
    heading: string;
    election: string;
    open: string;
    openOne: (electionId: string) => string;
    notOpened: (electionId: string, error: string) => string;
    notInScope: (electionId: string) => string;
  };
  define: {
    heading: string;
    intro: string;
    file: string;
    button: string;
    unreadable: (file: string) => string;
    defined: (electionId: string) => string;
    unchanged: (electionId: string) => string;
    failed: (electionId: string, error: string) => string;
  };
  accounts: {
    heading: string;
    createHeading: string;
    createIntro: string;
    username: string;
    usernameHint: string;
    name: string;
    role: string;
    elections: string;
    electionsHint: string;
    /** What the elections field takes for every election ("tutte", "all"). */
    allWord: string;
    allElections: string;
    create: string;
    listHeading: string;
    caption: string;
    electionsColumn: string;
    state: string;
    active: string;
    passwordToChange: string;
    disabled: string;
    none: string;
    unreadable: string;
    edit: string;
    editOne: (username: string) => string;
    editHeading: (username: string) => string;
    save: string;
    enable: string;
    enableAgain: string;
    disable: string;
    disableNote: string;
    cancel: string;
    exists: (username: string) => string;
    createdNotice: (username: string) => string;
    changed: (username: string) => string;
    disabledNotice: (username: string) => string;
    failed: (error: string) => string;
    /** The new account's credentials, shown once. */
    created: {
      heading: (username: string) => string;
      once: string;
      password: string;
      secret: string;
      qrLabel: (username: string) => string;
      howTo: string;
      dismiss: string;
    };
  };
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
    /** Under the list, for a viewer. */
    readOnly: string;
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
  /** Each polling station's watch: last contact, app version, late readings, what is flagged. */
  watch: {
    heading: string;
    caption: string;
    headers: [string, string, string, string, string];
    never: string;
    late: (slots: string) => string;
    flaggedCount: string;
    flaggedTurnout: (slot: string) => string;
    showLate: string;
    showAll: string;
    lateCount: (late: number, total: number, minutes: number) => string;
  };
  /** Broadcasts to every officer of the election, and who acknowledged them. */
  broadcasts: {
    heading: string;
    intro: string;
    text: string;
    send: string;
    none: string;
    sent: string;
    failed: (error: string) => string;
    sentBy: (who: string, at: string) => string;
    acknowledged: (count: number, total: number) => string;
  };
  /** A section's history: every version stored and every review. */
  history: {
    heading: string;
    section: string;
    show: string;
    of: (sectionId: string) => string;
    empty: string;
    /** More than this page: the audit trail has every write. */
    more: string;
    version: (what: string, version: number, status: string, who: string) => string;
    review: (what: string, version: number, action: string, who: string) => string;
    statuses: Record<string, string>;
    actions: Record<string, string>;
    /** Who: "by maria", "by the polling station", "by staff (code …)". */
    byPerson: (username: string) => string;
    officer: string;
    staff: (credential: string) => string;
    failed: (sectionId: string, error: string) => string;
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
    /** certifyApprovals: 2 — a first supervisor's approval, waiting for a second one. */
    approved: (approvals: number, needed: number) => string;
    approvals: (approvals: number, needed: number) => string;
    alreadyApproved: string;
    needsSupervisor: string;
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
