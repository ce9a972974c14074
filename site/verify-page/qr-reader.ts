/**
 * jsQR, as a script of its own (most of the verification page's weight): the page loads it
 * only when it must read a QR code without the browser's BarcodeDetector (qr-decode.ts).
 */
import jsQR from 'jsqr';
import { QR_READER_GLOBAL } from './qr-reader-global.js';

(globalThis as Record<string, unknown>)[QR_READER_GLOBAL] = jsQR;
