/**
 * What the staff page holds: the language, who is signed in (role, scope, until when), the
 * election's overview and quarantine as last read, the staff accounts an admin manages, and what
 * the page last said (a notice, or why signing in failed). What it says is kept as words to be
 * found in either language, so switching language says it again in the other one.
 * Pure: no DOM, no network.
 */
import type { StaffRole, StaffScope } from '../../shared/domain/staff-roles.js';
import type { StaffLanguage, StaffMessages } from './messages.js';
import type { Overview, QuarantinedView } from './overview.js';

/** One line of a section's history, as the API answers it (only what the page shows). */
export interface HistoryEntry {
  entry: 'version' | 'review';
  kind?: 'results' | 'turnout';
  slotId?: string;
  version?: number;
  status?: string;
  /** A version's time and who sent it. */
  submittedAt?: string;
  submittedBy?: { role: string; username?: string; credential?: string; sectionId?: string };
  /** A review's action, reason, time and who. */
  action?: string;
  reason?: string;
  at?: string;
  by?: { role: string; username?: string; credential?: string };
}

export interface SectionHistory {
  sectionId: string;
  entries: HistoryEntry[];
  /** The API said more follows (a page of a longer history). */
  more: boolean;
}

/** Something the page says, in whichever language it is shown. */
export type Said = (t: StaffMessages) => string;

/** Who is signed in: a person's own account, or the break-glass staff token (an admin of every election). */
export interface StaffSession {
  kind: 'account' | 'token';
  role: StaffRole;
  elections: StaffScope;
  username?: string;
  name?: string;
  /** ISO 8601; a token has no end. */
  expiresAt?: string;
  /** The first sign-in's session serves only the change of the initial password. */
  passwordChangeRequired: boolean;
}

/** A staff account as `GET /v1/admin/staff` lists it (never a secret). */
export interface AccountView {
  username: string;
  name: string;
  role: StaffRole;
  elections: StaffScope;
  disabled: boolean;
  passwordChangeRequired: boolean;
}

/** An account just created, with what is shown once: its initial password and one-time-code secret. */
export interface CreatedAccount {
  username: string;
  name: string;
  password: string;
  totpSecret: string;
  otpauthUri: string;
  /** The otpauth URI as a QR code (SVG), drawn in the browser. */
  qrSvg: string;
}

export interface StaffState {
  language: StaffLanguage;
  /** Who is signed in; none while signed out. */
  session: StaffSession | undefined;
  /** How the sign-in screen asks: a person's account, or the break-glass staff token. */
  signInWith: 'account' | 'token';
  /** What the page shows once signed in: the election (or the choice of one), or the accounts. */
  view: 'election' | 'accounts';
  /** The election open on the page; none while signed out or choosing. */
  overview: Overview | undefined;
  /** The quarantined stream records; undefined when they could not be read. */
  quarantine: QuarantinedView[] | undefined;
  /** The history of the section last asked for, in the open election. */
  history: SectionHistory | undefined;
  /** A first supervisor's approval of the certification (certifyApprovals: 2), as the API answered it. */
  certifyApprovals: { approvals: number; needed: number } | undefined;
  /** The staff accounts (admin), as last read; undefined when they could not be. */
  accounts: AccountView[] | undefined;
  /** The account just created: its secrets are on the page until dismissed, never kept elsewhere. */
  created: CreatedAccount | undefined;
  /** The account whose role and scope are being changed. */
  editing: string | undefined;
  /** What the last operation said, shown under the heading. */
  notice: Said | undefined;
  /** Why the last sign-in (or reading of the election) failed. */
  signInError: Said | undefined;
  /** The polling stations' watch shows the late ones only. */
  watchLateOnly: boolean;
}

export const createStaffState = (language: StaffLanguage): StaffState => ({
  language,
  session: undefined,
  signInWith: 'account',
  view: 'election',
  overview: undefined,
  quarantine: undefined,
  history: undefined,
  certifyApprovals: undefined,
  accounts: undefined,
  created: undefined,
  editing: undefined,
  notice: undefined,
  signInError: undefined,
  watchLateOnly: false,
});

/** An API answer with its status (0: the server could not be reached). */
export interface StaffAnswer {
  status: number;
  body: unknown;
}

/** Why a call failed: the server's own message, or that it could not be reached. */
export const errorText =
  (answer: StaffAnswer): Said =>
  (t) =>
    answer.status === 0
      ? t.unreachable
      : ((answer.body as { error?: { message?: string } } | null)?.error?.message ??
        t.errorStatus(answer.status));

/** Signed in: the election and its quarantine as just read, with what the last operation said. */
export function opened(
  state: StaffState,
  overview: Overview,
  quarantine: QuarantinedView[] | undefined,
  notice: Said | undefined,
): void {
  if (state.overview?.electionId !== overview.electionId) {
    state.certifyApprovals = undefined;
    state.history = undefined;
  }
  state.overview = overview;
  state.quarantine = quarantine;
  state.notice = notice;
  state.signInError = undefined;
  state.view = 'election';
}

/** Nothing of the election that was open stays: its overview, quarantine, history and approvals. */
function forgetElection(state: StaffState): void {
  state.overview = undefined;
  state.quarantine = undefined;
  state.history = undefined;
  state.certifyApprovals = undefined;
}

/** Signed in, no election open: the choice of one, with what the last attempt said. */
export function choosing(state: StaffState, notice: Said | undefined = undefined): void {
  forgetElection(state);
  state.view = 'election';
  state.notice = notice;
}

/** Back at the sign-in, with why if something failed; nothing of the session stays. */
export function closed(state: StaffState, error: Said | undefined = undefined): void {
  state.session = undefined;
  forgetElection(state);
  state.accounts = undefined;
  state.created = undefined;
  state.editing = undefined;
  state.view = 'election';
  state.notice = undefined;
  state.signInError = error;
}
