/**
 * `npm run admin -- <command> [options]`: what municipal staff do, from a terminal. Against the
 * local stack by default (the ports of `npm start`); against AWS when TABLE_NAME and
 * BUCKET_NAME are set. The same use cases as the API, without its size and time limits, so
 * it suits national-scale elections too.
 */
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { localEnvironment } from './local-environment.js';

const COMMANDS: Record<string, { usage: string; about: string }> = {
  define: {
    usage: 'define <definition.json>',
    about: 'defines (or re-defines, while nothing is stored) the election in the file',
  },
  'issue-tokens': {
    usage:
      'issue-tokens <election> [--sections 1,2,3] [--csv tokens.csv] [--sheet sheet.html] [--site-url URL]',
    about:
      'issues a new code for each section (the earlier one stops working): each row goes into the CSV as soon as its code is issued (many at a time, so not in section order), and the printable sheet (sign-in links and QR codes, in section order) follows',
  },
  'revoke-tokens': {
    usage: 'revoke-tokens <election> --sections 1,2,3|all',
    about: 'revokes the sections’ codes at once (issue new ones with issue-tokens)',
  },
  export: {
    usage: 'export <election> --format csv|json|cdf [--out file]',
    about: 'a row per section with every count (CSV, JSON) or NIST SP 1500-100 v2 CDF (JSON)',
  },
  'staff-token': {
    usage: 'staff-token',
    about: 'issues a new staff token (printed once; only its hash is stored): the first step after a deploy',
  },
  'create-admin': {
    usage: 'create-admin <username> --name "Maria Rossi"',
    about:
      'creates a staff admin account for every election (the first one after a deploy): prints its initial password, its one-time-code secret and otpauth:// URI, once; the first sign-in changes the password',
  },
  certify: {
    usage: 'certify <election>',
    about: 'locks the election: every later write is refused, the page says "Risultati ufficiali proclamati"',
  },
};

function help(command?: string): string {
  const entry = command ? COMMANDS[command] : undefined;
  if (entry) return `usage: npm run admin -- ${entry.usage}\n\n${entry.about}\n`;
  return `usage: npm run admin -- <command> [options]   (--help after a command for its own)\n\n${Object.values(
    COMMANDS,
  )
    .map((c) => `  ${c.usage}\n      ${c.about}`)
    .join(
      '\n',
    )}\n\nAgainst the local stack of \`npm start\` unless TABLE_NAME and BUCKET_NAME name AWS resources.\n`;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    help: { type: 'boolean', default: false },
    sections: { type: 'string' },
    csv: { type: 'string' },
    sheet: { type: 'string' },
    'site-url': {
      type: 'string',
      default: process.env.SITE_URL ?? `http://127.0.0.1:${process.env.SITE_PORT ?? '8080'}`,
    },
    format: { type: 'string' },
    out: { type: 'string' },
    name: { type: 'string' },
  },
});
const [command, ...args] = positionals;
if (!command || values.help || !COMMANDS[command]) {
  console.log(help(command));
  process.exit(values.help ? 0 : 2);
}
Object.assign(process.env, localEnvironment());

const sectionsOption = (value: string | undefined) =>
  value === undefined || value === 'all' ? 'all' : value.split(',').map((s) => s.trim());
const need = (value: string | undefined, what: string): string => {
  if (!value) {
    console.error(`missing ${what}\n\n${help(command)}`);
    process.exit(2);
  }
  return value;
};

/** The machine's user, for the audit trail; a user with no passwd entry (a container) by its id. */
function terminalUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? `uid-${process.getuid?.() ?? 'unknown'}`;
  }
}

/** The terminal's writes are the staff's, named after the machine's user in the audit trail. */
const actor = { role: 'staff' as const, credential: `terminal:${terminalUser()}` };

try {
  if (command === 'define') {
    const { defineElection } = await import('../../shared/use-cases/define-election.js');
    const definition = JSON.parse(readFileSync(need(args[0], 'the definition file'), 'utf8')) as {
      id: string;
    };
    const result = await defineElection(definition.id, definition, actor);
    console.log(JSON.stringify(result));
  } else if (command === 'issue-tokens') {
    const electionId = need(args[0], 'the election id');
    const sections = sectionsOption(need(values.sections, '--sections (a list, or "all")'));
    const csvPath = need(values.csv, '--csv: codes are shown once and must be kept');
    const againstAws = Boolean(process.env.TABLE_NAME && !process.env.DYNAMODB_ENDPOINT);
    const siteUrl = againstAws
      ? need(process.argv.includes('--site-url') ? values['site-url'] : undefined, '--site-url')
      : (values['site-url'] ?? '');
    const { issueOfficerTokens } = await import('../../shared/use-cases/issue-officer-tokens.js');
    const { loadElection } = await import('../../shared/use-cases/election-context.js');
    const { listSections } = await import('../../shared/db/elections.js');
    const { csvLine, toCsv } = await import('../../shared/domain/csv.js');
    const { renderOfficerSheet, signInLink } = await import('../../site/officer-sheet/render.js');
    const { head } = await loadElection(electionId);
    const byId = new Map((await listSections(electionId)).map((s) => [s.id, s]));
    const order = new Map([...byId.keys()].map((id, index) => [id, index]));
    // Created now, readable by this user only, and never over an existing file: then each code
    // goes in as soon as it replaces the section's earlier one.
    const csv = openSync(csvPath, 'wx', 0o600);
    const sheetFile = values.sheet ? openSync(values.sheet, 'wx', 0o600) : undefined;
    const entries: { sectionId: string; sectionName: string; district?: string; token: string }[] = [];
    try {
      writeSync(csv, toCsv(['section_id', 'section_name', 'district', 'token', 'sign_in_link'], []));
      const { failed } = await issueOfficerTokens(electionId, { sections }, actor, {
        onIssued: (sectionId, token) => {
          const section = byId.get(sectionId);
          const entry = {
            sectionId,
            sectionName: section?.name ?? sectionId,
            ...(section?.district !== undefined ? { district: section.district } : {}),
            token,
          };
          entries.push(entry);
          writeSync(
            csv,
            csvLine([
              sectionId,
              entry.sectionName,
              entry.district ?? null,
              token,
              signInLink(siteUrl, token),
            ]),
          );
        },
      });
      for (const f of failed ?? []) console.error(`section ${f.sectionId}: ${f.code}: ${f.message}`);
      if (sheetFile !== undefined) {
        writeSync(
          sheetFile,
          await renderOfficerSheet({
            electionName: head.name,
            rehearsal: head.rehearsal,
            siteUrl,
            // Codes are issued many at a time, and the CSV takes each as it comes; the sheet is in section order.
            entries: entries.sort((a, b) => (order.get(a.sectionId) ?? 0) - (order.get(b.sectionId) ?? 0)),
          }),
        );
      }
    } finally {
      closeSync(csv);
      if (sheetFile !== undefined) closeSync(sheetFile);
    }
    console.log(
      `issued ${entries.length} codes; written to ${[csvPath, values.sheet].filter(Boolean).join(' and ')} (readable by you only)`,
    );
  } else if (command === 'revoke-tokens') {
    const electionId = need(args[0], 'the election id');
    const { revokeOfficerTokens } = await import('../../shared/use-cases/revoke-officer-tokens.js');
    const { revoked, failed } = await revokeOfficerTokens(
      electionId,
      { sections: sectionsOption(need(values.sections, '--sections')) },
      actor,
    );
    for (const f of failed ?? []) console.error(`section ${f.sectionId}: ${f.code}: ${f.message}`);
    console.log(`revoked ${revoked.length} codes${revoked.length ? `: ${revoked.join(', ')}` : ''}`);
  } else if (command === 'export') {
    const electionId = need(args[0], 'the election id');
    const { exportElection, exportFormatOf } = await import('../../shared/use-cases/export-election.js');
    const file = await exportElection(electionId, exportFormatOf(need(values.format, '--format')));
    if (values.out) {
      writeFileSync(values.out, file.body);
      console.log(`written ${values.out}`);
    } else process.stdout.write(file.body);
  } else if (command === 'staff-token') {
    const { generateToken, hashToken } = await import('../../shared/domain/tokens.js');
    const { putStaffTokenHash } = await import('../../shared/db/tokens.js');
    const token = generateToken();
    await putStaffTokenHash(hashToken(token));
    console.log(`staff token (shown once, keep it safe): ${token}`);
  } else if (command === 'create-admin') {
    const { putStaffAccount } = await import('../../shared/use-cases/staff-accounts.js');
    const account = await putStaffAccount(
      need(args[0], 'the username'),
      { name: need(values.name, '--name'), role: 'admin', elections: 'all' },
      { elections: 'all', by: actor },
    );
    if (!('password' in account)) {
      console.error(`"${account.username}" exists and is enabled: its credentials are unchanged`);
      process.exit(1);
    }
    console.log(
      [
        `staff account "${account.username}" (admin, every election): shown once, keep it safe`,
        `  initial password: ${account.password}   (changed at the first sign-in)`,
        `  one-time-code secret: ${account.totpSecret}`,
        `  authenticator URI: ${account.otpauthUri}`,
      ].join('\n'),
    );
  } else if (command === 'certify') {
    const { certifyElection } = await import('../../shared/use-cases/certify-election.js');
    const outcome = await certifyElection(need(args[0], 'the election id'), actor);
    console.log(JSON.stringify(outcome.body));
  }
} catch (error) {
  const e = error as { code?: string; message: string; details?: unknown[] };
  console.error(
    `${e.code ?? 'ERROR'}: ${e.message}${e.details?.length ? `\n${JSON.stringify(e.details, null, 2)}` : ''}`,
  );
  process.exit(1);
}
