/** The staff page in Italian (the default), and the printable sheet of officer codes. */
import type { StaffMessages } from './message-types.js';

export const it: StaffMessages = {
  title: 'Personale del Comune',
  titleOf: (election) => `${election} — Personale`,
  otherLanguage: 'English',
  signIn: {
    token: 'Codice del personale',
    election: 'Elezione (identificativo)',
    button: 'Entra',
    notStaff: 'Questo non è un codice del personale.',
  },
  unreachable: 'Il server non risponde: controllate la connessione.',
  errorStatus: (status) => `errore ${status}`,
  reload: 'Aggiorna',
  signOut: 'Esci',
  rehearsal: 'PROVA — elezione di prova',
  certifiedState: { strong: 'Risultati proclamati', rest: ': nessuna modifica è più possibile.' },
  openState: 'Elezione aperta.',
  progress: (reported, total, flagged) =>
    `Scrutini inseriti: ${reported} su ${total}; da verificare: ${flagged}.`,
  flagged: {
    heading: (count) => `Da verificare (${count})`,
    none: 'Nessun dato da verificare.',
    turnout: (slot) => `Affluenza ${slot}`,
    count: 'Scrutinio',
    item: (what, version) => `${what} (versione ${version})`,
    decision: 'Decisione',
    approve: 'Approva: entra nei risultati',
    reopen: 'Riapri: il seggio invia di nuovo',
    reason: 'Motivo (resta nella storia della sezione)',
    confirm: 'Conferma la decisione',
  },
  review: {
    what: (sectionId, slotId) => `sezione ${sectionId}${slotId ? `, affluenza ${slotId}` : ''}`,
    approved: (what) => `Approvato: ${what}.`,
    reopened: (what) => `Riaperto: ${what}.`,
    failed: (what, error) => `Non riuscito (${what}): ${error}`,
  },
  missing: {
    heading: 'Sezioni mancanti',
    caption: 'Sezioni che non hanno ancora inviato',
    headers: ['Dato', 'Mancano', 'Sezioni'],
    ofTotal: (missing, total) => `${missing} su ${total}`,
    andMore: (count) => ` e altre ${count}`,
    reopened: ' (riaperta)',
  },
  quarantine: {
    heading: 'Quarantena del flusso',
    unreadable: 'La quarantena non si è potuta leggere: premete Aggiorna.',
    none: 'Nessun record in quarantena.',
    some: (count) => `${count} record del flusso non leggibili, conservati interi: segnalateli ai tecnici.`,
  },
  healing: {
    heading: 'Controllo automatico dei totali',
    notYet: 'Il controllo automatico non è ancora passato.',
    lastRun: (at) => `Ultimo controllo: ${at}.`,
    nothing: 'Nessuna differenza da riparare: i totali corrispondono alle sezioni.',
    repaired: (count, at) =>
      `Alle ${at} il controllo ha riparato ${count} differenze (già pubblicate come "riparate"):`,
    section: (sectionId, item) =>
      `sezione ${sectionId}, ${item === 'results' ? 'scrutinio' : `affluenza ${item.replace('turnout/', '')}`}`,
    totals: 'i totali stessi',
  },
  codes: {
    heading: 'Codici dei seggi',
    intro:
      'Un nuovo codice sostituisce il precedente, che smette subito di valere. I codici si vedono una volta sola: il foglio da stampare si scarica subito, con il link e il QR code di ogni sezione.',
    sections: 'Sezioni (per esempio 1, 2, 15; oppure «tutte»)',
    operation: 'Operazione',
    issue: 'Emetti nuovi codici e scarica il foglio da stampare',
    revoke: 'Revoca i codici (nessuno li potrà più usare)',
    confirm: 'Conferma',
    failed: (error) => `Operazione non riuscita: ${error}`,
    revoked: (sections) =>
      `Codici revocati: ${sections.length ? sections.join(', ') : 'nessuno (non ce n’erano)'}.`,
    issued: (count) =>
      `Emessi ${count} nuovi codici: il foglio da stampare è stato scaricato. Stampatelo e poi cancellate il file.`,
    sheetFile: (electionId) => `${electionId}-codici-seggi.html`,
    notDone: (sections) =>
      `Non eseguita per ${sections.length} sezioni (${sections.slice(0, 10).join(', ')}${sections.length > 10 ? ', …' : ''}): riprovate per quelle.`,
    jobRunning: (processed, total) =>
      `Lavorazione di tutte le sezioni: ${processed} di ${total ?? '…'} fatte. Tenete aperta questa pagina.`,
    jobFailed: (error) => `L’operazione si è interrotta: ${error}`,
    issuedInParts: (count, parts) =>
      `Emessi ${count} nuovi codici: il foglio da stampare è stato scaricato in ${parts} file. Stampateli e poi cancellate i file.`,
    revokedByJob: (count) => `Codici revocati: ${count}.`,
    sheetPartFile: (electionId, part, parts) =>
      `${electionId}-codici-seggi-${String(part).padStart(2, '0')}-di-${parts}.html`,
  },
  exports: {
    heading: 'Dati',
    csv: 'Scarica CSV',
    json: 'Scarica JSON',
    cdf: 'Scarica NIST CDF',
    audit: 'Scarica il registro delle operazioni',
    failed: (error) => `Esportazione non riuscita: ${error}`,
    auditFailed: (error) => `Registro non scaricato: ${error}`,
    auditFile: (electionId) => `${electionId}-registro.json`,
  },
  certify: {
    heading: 'Proclamazione',
    done: 'L’elezione è certificata.',
    intro:
      'Certificare blocca ogni modifica e la pagina pubblica dice «Risultati ufficiali proclamati». Per confermare scrivete l’identificativo dell’elezione:',
    label: 'Identificativo',
    button: 'Certifica l’elezione',
    mistyped: 'Per certificare scrivete esattamente l’identificativo dell’elezione.',
    certified: 'Elezione certificata.',
    failed: (error) => `Certificazione non riuscita: ${error}`,
  },
  sheet: {
    title: (election) => `Codici dei seggi — ${election}`,
    heading: (election) => `Codici di accesso dei seggi — ${election}`,
    rehearsal: "PROVA — codici di un'elezione di prova",
    qrLabel: (sectionId) => `QR code: link di accesso della sezione ${sectionId}`,
    scanOrOpen: 'Inquadrate il QR code con il telefono, oppure aprite',
    thenType: 'e scrivete il codice:',
    keepSecret:
      'Il codice vale solo per questa sezione. Non fotografatelo e non condividetelo. Se va perso, il Comune ne emette uno nuovo e questo smette di valere.',
  },
};
