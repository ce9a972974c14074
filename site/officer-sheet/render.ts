/**
 * The printable sheet of officer credentials: one card per section with its sign-in link as a
 * QR code and the code itself to type, to cut out and hand to each section's president. The
 * codes are secrets: the sheet is printed, handed over, and the file deleted. Its words are the
 * staff page's (site/staff-app/messages-*.ts), in the language the staff chose; Italian by default.
 */
import QRCode from 'qrcode';
import { escapeHtml, FAVICON_LINK } from '../../shared/pages/html.js';
import { STAFF_MESSAGES, type StaffLanguage } from '../staff-app/messages.js';

export interface SheetEntry {
  sectionId: string;
  sectionName: string;
  district?: string;
  token: string;
}

/** The officer app's sign-in link for a token: the code travels in the fragment, never to a server. */
export const signInLink = (siteUrl: string, token: string) =>
  `${siteUrl.replace(/\/+$/, '')}/officer/#token=${token}`;

/** The code in groups of four, easier to read aloud and to type. */
const grouped = (token: string) => token.match(/.{1,4}/g)?.join(' ') ?? token;

export async function renderOfficerSheet(options: {
  electionName: string;
  rehearsal: boolean;
  siteUrl: string;
  entries: SheetEntry[];
  language?: StaffLanguage;
}): Promise<string> {
  const language = options.language ?? 'it';
  const t = STAFF_MESSAGES[language].sheet;
  const cards = await Promise.all(
    options.entries.map(async (entry) => {
      const link = signInLink(options.siteUrl, entry.token);
      const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return `<article class="card"><h2>${escapeHtml(entry.sectionName)}${entry.district ? ` <small>${escapeHtml(entry.district)}</small>` : ''}</h2>
<div class="qr" role="img" aria-label="${escapeHtml(t.qrLabel(entry.sectionId))}">${qr}</div>
<p>${t.scanOrOpen} <strong>${escapeHtml(options.siteUrl.replace(/\/+$/, ''))}/officer/</strong> ${t.thenType}</p>
<p class="code">${escapeHtml(grouped(entry.token))}</p>
<p class="small">${t.keepSecret}</p></article>`;
    }),
  );
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
${FAVICON_LINK}
<title>${escapeHtml(t.title(options.electionName))}</title>
<style>
body{font:12pt/1.4 system-ui,sans-serif;margin:1cm;color:#000}
h1{font-size:14pt}.card{border:1px dashed #000;padding:.5cm;margin:0 0 .5cm;page-break-inside:avoid;break-inside:avoid}
.card h2{font-size:13pt;margin:0 0 .25cm}.qr svg{width:4.5cm;height:4.5cm}
.code{font:bold 13pt/1.4 ui-monospace,monospace;letter-spacing:.05em;word-break:break-all}.small{font-size:9pt}
.rehearsal{border:3px solid #8a1c00;color:#8a1c00;font-weight:700;padding:.25cm;text-align:center}
</style>
</head>
<body>
<h1>${escapeHtml(t.heading(options.electionName))}</h1>
${options.rehearsal ? `<p class="rehearsal">${escapeHtml(t.rehearsal)}</p>` : ''}
${cards.join('\n')}
</body>
</html>
`;
}
