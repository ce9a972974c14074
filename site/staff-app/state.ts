/**
 * What the staff page holds: the language, the election's overview and quarantine as last
 * read, and what it last said (a notice, or why signing in failed). What it says is kept as
 * words to be found in either language, so switching language says it again in the other one.
 * Pure: no DOM, no network.
 */
import type { StaffLanguage, StaffMessages } from './messages.js';
import type { Overview, QuarantinedView } from './overview.js';

/** Something the page says, in whichever language it is shown. */
export type Said = (t: StaffMessages) => string;

export interface StaffState {
  language: StaffLanguage;
  /** The election open on the page; none while signed out. */
  overview: Overview | undefined;
  /** The quarantined stream records; undefined when they could not be read. */
  quarantine: QuarantinedView[] | undefined;
  /** What the last operation said, shown under the heading. */
  notice: Said | undefined;
  /** Why the last sign-in (or reading of the election) failed. */
  signInError: Said | undefined;
}

export const createStaffState = (language: StaffLanguage): StaffState => ({
  language,
  overview: undefined,
  quarantine: undefined,
  notice: undefined,
  signInError: undefined,
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
  state.overview = overview;
  state.quarantine = quarantine;
  state.notice = notice;
  state.signInError = undefined;
}

/** Back at the sign-in, with why if something failed. */
export function closed(state: StaffState, error: Said | undefined = undefined): void {
  state.overview = undefined;
  state.quarantine = undefined;
  state.notice = undefined;
  state.signInError = error;
}
