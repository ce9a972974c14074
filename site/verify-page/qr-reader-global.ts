/** Where the separately loaded QR reader (qr-reader.ts) leaves jsQR for the page (qr-decode.ts). */
export const QR_READER_GLOBAL = 'electionNightJsQr';
