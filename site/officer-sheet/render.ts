/**
 * The printable sheet of officer credentials: one card per section with its sign-in link as a
 * QR code and the code itself to type, to cut out and hand to each section's president. The
 * codes are secrets: the sheet is printed, handed over, and the file deleted.
 */
import QRCode from 'qrcode';
import { escapeHtml } from '../../shared/pages/html.js';

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
}): Promise<string> {
  const cards = await Promise.all(
    options.entries.map(async (entry) => {
      const link = signInLink(options.siteUrl, entry.token);
      const qr = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return `<article class="card"><h2>${escapeHtml(entry.sectionName)}${entry.district ? ` <small>${escapeHtml(entry.district)}</small>` : ''}</h2>
<div class="qr" role="img" aria-label="QR code: link di accesso della sezione ${escapeHtml(entry.sectionId)}">${qr}</div>
<p>Inquadrate il QR code con il telefono, oppure aprite <strong>${escapeHtml(options.siteUrl.replace(/\/+$/, ''))}/officer/</strong> e scrivete il codice:</p>
<p class="code">${escapeHtml(grouped(entry.token))}</p>
<p class="small">Il codice vale solo per questa sezione. Non fotografatelo e non condividetelo. Se va perso, il Comune ne emette uno nuovo e questo smette di valere.</p></article>`;
    }),
  );
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<title>Codici dei seggi — ${escapeHtml(options.electionName)}</title>
<style>
body{font:12pt/1.4 system-ui,sans-serif;margin:1cm;color:#000}
h1{font-size:14pt}.card{border:1px dashed #000;padding:.5cm;margin:0 0 .5cm;page-break-inside:avoid;break-inside:avoid}
.card h2{font-size:13pt;margin:0 0 .25cm}.qr svg{width:4.5cm;height:4.5cm}
.code{font:bold 13pt/1.4 ui-monospace,monospace;letter-spacing:.05em;word-break:break-all}.small{font-size:9pt}
.rehearsal{border:3px solid #8a1c00;color:#8a1c00;font-weight:700;padding:.25cm;text-align:center}
</style>
</head>
<body>
<h1>Codici di accesso dei seggi — ${escapeHtml(options.electionName)}</h1>
${options.rehearsal ? '<p class="rehearsal">PROVA — codici di un\'elezione di prova</p>' : ''}
${cards.join('\n')}
</body>
</html>
`;
}
