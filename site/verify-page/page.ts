/**
 * The static HTML of `/verify/`, the public page that checks an officer's receipt against the
 * election's public log: the form (election, section, receipt; its query string is the QR link's,
 * so it works as a plain GET too), the QR code from the camera or a photo, and the region the
 * verdict is said in, in Italian and English. No inline script or style.
 */
import { appHead } from '../app-head.js';

export function verifyPage(script: string, style: string, qrReader: string): string {
  return `${appHead('Verifica una ricevuta · Verify a receipt', script, style)}
<body>
<main id="verify" data-qr-reader="${qrReader}">
<h1>Verifica una ricevuta <span lang="en" class="en">Verify a receipt</span></h1>
<p>Ogni dato inviato da un seggio è scritto in un registro pubblico che nessuno può riscrivere. Inserite la ricevuta mostrata al seggio, o inquadrate il suo codice QR: questa pagina controlla, nel vostro browser, che quel dato sia nel registro firmato.</p>
<p lang="en" class="en">Every figure a polling station sends is written to a public log that nobody can rewrite. Enter the receipt shown at the polling station, or scan its QR code: this page checks, in your browser, that the figure is in the signed log.</p>
<noscript><p>Questa pagina richiede JavaScript. <span lang="en">This page needs JavaScript.</span></p></noscript>
<form id="receipt-form" method="get" action="/verify/">
<p class="field"><label for="election">Elezione <span lang="en" class="en">Election</span></label>
<input id="election" name="election" required autocomplete="off" autocapitalize="off" spellcheck="false" placeholder="demo-2026"></p>
<p class="field"><label for="section">Sezione <span lang="en" class="en">Section</span></label>
<input id="section" name="section" autocomplete="off" inputmode="numeric" aria-describedby="section-hint">
<span id="section-hint" class="hint">Facoltativa: senza, la ricevuta è cercata in tutto il registro. <span lang="en">Optional: without it, the whole log is searched.</span></span></p>
<p class="field"><label for="receipt">Ricevuta <span lang="en" class="en">Receipt</span></label>
<textarea id="receipt" name="receipt" required rows="2" autocomplete="off" autocapitalize="off" spellcheck="false" aria-describedby="receipt-hint"></textarea>
<span id="receipt-hint" class="hint">64 cifre e lettere da a a f. <span lang="en">64 digits and letters a to f.</span></span></p>
<p><button type="submit" id="verify-button">Verifica · <span lang="en">Verify</span></button></p>
</form>
<section aria-labelledby="scan-title" id="scan">
<h2 id="scan-title">Dal codice QR <span lang="en" class="en">From the QR code</span></h2>
<p><button type="button" id="camera" class="secondary" hidden>Inquadra con la fotocamera · <span lang="en">Scan with the camera</span></button></p>
<p class="field"><label for="photo">Da una foto del codice <span lang="en" class="en">From a photo of the code</span></label>
<input type="file" id="photo" accept="image/*"></p>
<video id="camera-view" hidden muted playsinline aria-label="Fotocamera / Camera"></video>
<p id="scan-status" role="status"></p>
</section>
<section id="result" aria-live="polite" tabindex="-1"></section>
</main>
</body>
</html>
`;
}
