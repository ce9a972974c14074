import { describe, expect, it } from 'vitest';
import { renderOfficerSheet } from '../../site/officer-sheet/render.js';
import { offerTo, scopeTyped } from '../../site/staff-app/access.js';
import { renderAccountsPage } from '../../site/staff-app/accounts-view.js';
import { renderElectionPage } from '../../site/staff-app/election-view.js';
import { renderHistory } from '../../site/staff-app/history-view.js';
import { renderHomePage } from '../../site/staff-app/home-view.js';
import { STAFF_MESSAGES } from '../../site/staff-app/messages.js';
import {
  flaggedItems,
  type ItemView,
  missingRows,
  type Overview,
  reportedCount,
  sectionsTyped,
  sortedOverview,
} from '../../site/staff-app/overview.js';
import { renderPasswordPage, renderSignInPage } from '../../site/staff-app/sign-in-view.js';
import {
  type AccountView,
  type CreatedAccount,
  closed,
  createStaffState,
  errorText,
  opened,
  type StaffSession,
} from '../../site/staff-app/state.js';

const item = (status: string, version = 1): ItemView => ({
  status,
  version,
  checks:
    status === 'flagged'
      ? [
          {
            code: 'R1',
            severity: 'error',
            message: { it: 'I votanti non tornano', en: 'Voters do not add up' },
          },
        ]
      : [],
  submittedAt: '2026-05-25T20:00:00Z',
});

/** Sections 10, 2 and 1 (in the table's order): 10 flagged, 2 reopened, 1 accepted; T1 only from 1. */
function overview(state: Overview['state'] = 'open'): Overview {
  return {
    electionId: 'test-2026',
    name: 'Elezioni di prova',
    rehearsal: true,
    state,
    turnoutSlots: [{ id: 'T1', label: 'Domenica ore 12:00' }],
    sections: [
      { id: '10', name: 'Sezione 10', results: item('flagged'), turnout: {} },
      { id: '2', name: 'Sezione 2', district: 'Marina', results: item('reopened', 2), turnout: {} },
      { id: '1', name: 'Sezione 1', results: item('accepted'), turnout: { T1: item('flagged') } },
    ],
  };
}

/** The break-glass staff token: an admin of every election. */
const BREAK_GLASS: StaffSession = {
  kind: 'token',
  role: 'admin',
  elections: 'all',
  passwordChangeRequired: false,
};
const withSession = (options: { language: 'it' | 'en'; notice: string }, session = BREAK_GLASS) => ({
  ...options,
  session,
  certifyApprovals: undefined,
});

/** A page's markup without its words: tags and attributes, minus the language switch's `lang` and words in attributes. */
const skeleton = (html: string) =>
  html
    .replace(/>[^<]*</g, '><')
    .replace(/ lang="(it|en)"/g, '')
    .replace(/ for="[^"]*"/g, '')
    .replace(/ (aria-label|value)="[^"]*"/g, '');

describe('the staff page’s overview', () => {
  it('given sections in the table’s order, then they are shown in their natural order', () => {
    expect(sortedOverview(overview()).sections.map((s) => s.id)).toEqual(['1', '2', '10']);
  });

  it('given a flagged count and a flagged turnout reading, then both are to review, with their section', () => {
    const flagged = flaggedItems(sortedOverview(overview()));
    expect(flagged.map((f) => `${f.section.id}:${f.slotId ?? 'count'}`)).toEqual(['1:T1', '10:count']);
  });

  it('given what each section sent, then what is missing per slot and for the count, and how many counts are in', () => {
    const rows = missingRows(sortedOverview(overview()));
    expect(rows.map((r) => [r.kind, r.missing.map((s) => s.id)])).toEqual([
      ['turnout', ['2', '10']],
      ['results', ['2']],
    ]);
    expect(reportedCount(overview())).toBe(1);
  });

  it('given the sections typed for codes, then a list, or every section for “tutte” or “all”', () => {
    expect(sectionsTyped(' 1, 2;15  3 ')).toEqual(['1', '2', '15', '3']);
    expect(sectionsTyped('Tutte')).toBe('all');
    expect(sectionsTyped('all')).toBe('all');
  });
});

describe('the staff page’s state', () => {
  it('given an answer that failed, then it is said in the page’s language, or as the server said it', () => {
    expect(errorText({ status: 0, body: null })(STAFF_MESSAGES.en)).toBe(
      'The server does not answer: check the connection.',
    );
    expect(errorText({ status: 502, body: null })(STAFF_MESSAGES.it)).toBe('errore 502');
    expect(
      errorText({ status: 409, body: { error: { message: 'election certified' } } })(STAFF_MESSAGES.it),
    ).toBe('election certified');
  });

  it('given a notice, when the election is opened then closed, then the state says so, and forgets it', () => {
    const state = createStaffState('it');
    opened(state, overview(), [], (t) => t.certify.certified);
    expect(state.notice?.(STAFF_MESSAGES.en)).toBe('Election certified.');
    closed(state, (t) => t.signIn.notStaff);
    expect(state).toMatchObject({ overview: undefined, notice: undefined, language: 'it' });
    expect(state.signInError?.(STAFF_MESSAGES.it)).toBe('Questo non è un codice del personale.');
  });
});

describe('the staff page in two languages', () => {
  it('given the same election, then the Italian and English pages have the same markup, in their own words', () => {
    const it = renderElectionPage(overview(), [], withSession({ language: 'it', notice: '' }));
    const en = renderElectionPage(overview(), [], withSession({ language: 'en', notice: '' }));
    expect(skeleton(en)).toBe(skeleton(it));
    expect(it).toContain('Sezioni che non hanno ancora inviato');
    expect(it).toContain('I votanti non tornano');
    expect(it).toContain('2 (riaperta)');
    expect(en).toContain('Sections that have not sent yet');
    expect(en).toContain('Voters do not add up');
    expect(en).toContain('2 (reopened)');
    expect(en).toContain('<button type="button" id="language" data-action="language" lang="it"');
    // Section names are data (Sezione 1); the words around them are the page’s.
    expect(en).not.toMatch(/Sezioni|Scrutin|Affluenza|Scarica|Conferma|Motivo/);
  });

  it('given a certified election or the sign-in, then both languages say it with the same markup', () => {
    const certified = (language: 'it' | 'en') =>
      renderElectionPage(overview('certified'), undefined, withSession({ language, notice: 'x' }));
    expect(skeleton(certified('en'))).toBe(skeleton(certified('it')));
    expect(certified('it')).toContain(
      '<strong>Risultati proclamati</strong>: nessuna modifica è più possibile.',
    );
    const signIn = (language: 'it' | 'en') =>
      renderSignInPage({ language, mode: 'token', election: 'e', error: 'no', notice: '' });
    expect(skeleton(signIn('en'))).toBe(skeleton(signIn('it')));
    expect(signIn('en')).toContain('Staff code');
  });

  it('given codes issued from an English page, then the sheet is in English and says so; by default, Italian', async () => {
    const options = {
      electionName: 'Elezioni di prova',
      rehearsal: true,
      siteUrl: 'https://example.org/',
      entries: [{ sectionId: '1', sectionName: 'Sezione 1', token: 'abcd1234efgh5678' }],
    };
    const en = await renderOfficerSheet({ ...options, language: 'en' });
    const it = await renderOfficerSheet(options);
    expect(en).toContain('<html lang="en">');
    expect(en).toContain(
      'Scan the QR code with the phone, or open <strong>https://example.org/officer/</strong>',
    );
    expect(it).toContain('<html lang="it">');
    expect(it).toContain('<title>Codici dei seggi — Elezioni di prova</title>');
    expect(it).toContain('Il codice vale solo per questa sezione.');
  });
});

describe('the staff page’s notice of what the reconciliation healed', () => {
  const healed: Overview = {
    ...overview(),
    healing: {
      lastRunAt: '2026-05-25T21:02:00Z',
      lastCheckedTotalsAt: '2026-05-25T21:02:00Z',
      repairs: [
        {
          at: '2026-05-25T21:01:00Z',
          entries: [
            { sectionId: '3', item: 'results', delta: { voters: 412, C1: 200 } },
            { sectionId: null, item: 'totals', delta: { voters: -1000 } },
          ],
        },
      ],
    },
  };

  it('given repairs, when the page is drawn, then it says in each language how many, which sections, and every figure signed', () => {
    // Act
    const it = renderElectionPage(healed, [], withSession({ language: 'it', notice: '' }));
    const en = renderElectionPage(healed, [], withSession({ language: 'en', notice: '' }));

    // Assess
    expect(it).toContain('riparato 2 differenze');
    expect(it).toContain('sezione 3, scrutinio: voters +412, C1 +200');
    expect(it).toContain('i totali stessi: voters -1000');
    expect(en).toContain('repaired 2 differences');
    expect(en).toContain('section 3, count: voters +412');
  });

  it('given a run that found nothing, or none yet, when the page is drawn, then it says so', () => {
    // Act
    const quiet = renderElectionPage(
      { ...healed, healing: { ...healed.healing, repairs: [] } as never },
      [],
      withSession({ language: 'en', notice: '' }),
    );
    const before = renderElectionPage(overview(), [], withSession({ language: 'en', notice: '' }));

    // Assess
    expect(quiet).toContain('No difference to repair');
    expect(before).toContain('has not run yet');
  });
});

describe('the staff page offers what the role may do', () => {
  const account = (role: StaffSession['role'], elections: StaffSession['elections'] = ['test-2026']) =>
    ({
      kind: 'account',
      role,
      elections,
      username: `${role}-1`,
      name: `Test ${role}`,
      expiresAt: '2026-05-25T22:00:00Z',
      passwordChangeRequired: false,
    }) satisfies StaffSession;
  const pageFor = (session: StaffSession, approvals?: { approvals: number; needed: number }) =>
    renderElectionPage(overview(), [], {
      language: 'it',
      notice: '',
      session,
      certifyApprovals: approvals,
    });

  it('given each role, then the page offers reading to a viewer, reviews and codes from a clerk on, certifying from a supervisor on, accounts to an admin', () => {
    // Act
    const [viewer, clerk, supervisor, admin] = (['viewer', 'clerk', 'supervisor', 'admin'] as const).map(
      (role) => pageFor(account(role)),
    );

    // Assess
    expect(viewer).not.toContain('data-form="review"');
    expect(viewer).toContain('Approvare o riaprire spetta agli addetti.');
    expect(viewer).not.toContain('data-form="codes"');
    expect(viewer).not.toContain('data-form="certify"');
    expect(viewer).toContain('Certificare spetta ai supervisori.');
    expect(viewer).toContain('data-action="export"');
    expect(viewer).toContain('data-action="audit"');
    expect(clerk).toContain('data-form="review"');
    expect(clerk).toContain('data-form="codes"');
    expect(clerk).not.toContain('data-form="certify"');
    expect(supervisor).toContain('data-form="certify"');
    expect(supervisor).not.toContain('data-action="accounts"');
    expect(admin).toContain('data-action="accounts"');
    // The quarantine is the deployment's: only for an account of every election.
    expect(admin).not.toContain('h-quarantine');
    expect(pageFor(account('viewer', 'all'))).toContain('h-quarantine');
  });

  it('given an account’s session, then its header says who, the role, the elections and until when', () => {
    const page = pageFor(account('clerk', ['test-2026', 'other-2026']));
    expect(page).toContain('Accesso di <strong>Test clerk</strong> (clerk-1)');
    expect(page).toContain('ruolo: <strong>addetto</strong>');
    expect(page).toContain('elezioni: test-2026, other-2026');
    expect(page).toMatch(/sessione fino a 2[56]\/05\/2026/);
    expect(pageFor(BREAK_GLASS)).toContain('codice del personale');
  });

  it('given a first approval of two, then the certification says 1 of 2 in either language', () => {
    const it = pageFor(account('supervisor'), { approvals: 1, needed: 2 });
    expect(it).toContain('Approvazioni della certificazione: 1 di 2.');
    expect(STAFF_MESSAGES.en.certify.approved(1, 2)).toContain('1 of 2');
  });

  it('given typed elections, then a list, or every one', () => {
    expect(scopeTyped('a-1, b-2 ;c')).toEqual(['a-1', 'b-2', 'c']);
    expect(scopeTyped(' tutte ')).toBe('all');
    expect(offerTo(undefined)).toMatchObject({ review: false, accounts: false });
  });
});

describe('the staff page’s account screens in two languages', () => {
  const created: CreatedAccount = {
    username: 'maria',
    name: 'Maria Rossi',
    password: 'initial-password-1',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    otpauthUri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    qrSvg: '<svg></svg>',
  };
  const accounts: AccountView[] = [
    {
      username: 'maria',
      name: 'Maria <Rossi>',
      role: 'clerk',
      elections: ['test-2026'],
      disabled: false,
      passwordChangeRequired: true,
    },
    {
      username: 'old',
      name: 'Old',
      role: 'viewer',
      elections: 'all',
      disabled: true,
      passwordChangeRequired: false,
    },
  ];
  const accountsPage = (language: 'it' | 'en', editing?: string) =>
    renderAccountsPage({
      language,
      session: BREAK_GLASS,
      accounts,
      created,
      editing,
      electionOpen: true,
      notice: '',
    });

  it('given an account just created, then its password, secret (in groups of four) and QR code are shown with the warning that they are shown once', () => {
    const it = accountsPage('it');
    expect(it).toContain('Mostrate una sola volta');
    expect(it).toContain('<code id="created-password">initial-password-1</code>');
    expect(it).toContain('JBSW Y3DP EHPK 3PXP');
    expect(it).toContain('<div class="qr" role="img"');
    expect(it).toContain('Maria &lt;Rossi&gt;');
    expect(it).toContain('attivo, password iniziale da cambiare');
    expect(accountsPage('en')).toContain('Shown only this once');
    expect(skeleton(accountsPage('en', 'old'))).toBe(skeleton(accountsPage('it', 'old')));
    expect(accountsPage('it', 'old')).toContain('Riattiva con nuove credenziali');
    expect(accountsPage('it', 'maria')).toContain('data-action="account-disable"');
  });

  it('given the sign-in with an account, the change of the password and the choice of an election, then both languages have the same markup, and the code field is for one-time codes', () => {
    const signIn = (language: 'it' | 'en') =>
      renderSignInPage({ language, mode: 'account', election: '', error: 'x', notice: 'y' });
    const password = (language: 'it' | 'en') =>
      renderPasswordPage({ language, username: 'maria', error: 'x' });
    const home = (language: 'it' | 'en') =>
      renderHomePage({ language, session: BREAK_GLASS, election: 'e', notice: '' });
    expect(skeleton(signIn('en'))).toBe(skeleton(signIn('it')));
    expect(skeleton(password('en'))).toBe(skeleton(password('it')));
    expect(skeleton(home('en'))).toBe(skeleton(home('it')));
    expect(signIn('it')).toContain('autocomplete="one-time-code"');
    expect(signIn('it')).toContain('inputmode="numeric"');
    expect(signIn('it')).toContain('data-mode="token"');
    expect(password('it')).toContain('minlength="12"');
    expect(home('it')).toContain('data-form="define"');
    const scoped = renderHomePage({
      language: 'en',
      session: { ...BREAK_GLASS, kind: 'account', role: 'viewer', elections: ['a', 'b'] },
      election: '',
      notice: '',
    });
    expect(scoped).toContain('data-election="b"');
    expect(scoped).not.toContain('data-form="define"');
  });
});

describe('the staff page’s section history', () => {
  it('given versions and a review, then each is listed with what, version, status or action, and who; a page that says more follows says so', () => {
    // Prepare
    const history = {
      sectionId: '3',
      more: true,
      entries: [
        {
          entry: 'version' as const,
          kind: 'turnout' as const,
          slotId: 'T1',
          version: 1,
          status: 'flagged',
          submittedAt: '2026-05-24T10:00:00Z',
          submittedBy: { role: 'officer', credential: 'abc', sectionId: '3' },
        },
        {
          entry: 'review' as const,
          kind: 'turnout' as const,
          slotId: 'T1',
          version: 1,
          action: 'approve',
          reason: 'checked <ok>',
          at: '2026-05-24T11:00:00Z',
          by: { role: 'staff', username: 'maria', credential: 'def' },
        },
      ],
    };

    // Act
    const it = renderHistory(history, STAFF_MESSAGES.it, 'it');
    const en = renderHistory({ ...history, more: false }, STAFF_MESSAGES.en, 'en');

    // Assess
    expect(it).toContain('Affluenza T1, versione 1: da verificare (dal seggio)');
    expect(it).toContain('Affluenza T1, versione 1: approvato da maria: «checked &lt;ok&gt;»');
    expect(it).toContain('registro delle operazioni');
    expect(en).toContain('Turnout T1, version 1: approved by maria');
    expect(en).not.toContain('audit trail');
  });
});
