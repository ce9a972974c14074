/**
 * Reads a QR code from a picture (a chosen photo, a frame of the camera): the browser's own
 * BarcodeDetector when it has one, else jsQR (pure JavaScript, so the site's CSP needs no
 * WebAssembly) over the picture's pixels, scaled to at most 1,280 pixels a side. jsQR is a
 * script of its own, loaded from the site the first time it is needed (the page names it).
 */
import type jsQRFunction from 'jsqr';
import { QR_READER_GLOBAL } from './qr-reader-global.js';

type JsQr = typeof jsQRFunction;
let reader: Promise<JsQr> | undefined;

/** jsQR, its script added to the page once. */
function loadJsQr(): Promise<JsQr> {
  reader ??= new Promise<JsQr>((resolve, reject) => {
    const src = document.getElementById('verify')?.dataset.qrReader;
    if (!src) return reject(new Error('the page names no QR reader'));
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => {
      const loaded = (globalThis as Record<string, unknown>)[QR_READER_GLOBAL] as JsQr | undefined;
      if (loaded) resolve(loaded);
      else reject(new Error('the QR reader did not load'));
    };
    script.onerror = () => {
      reader = undefined;
      reject(new Error('the QR reader could not be fetched'));
    };
    document.head.append(script);
  });
  return reader;
}

type Picture = ImageBitmap | HTMLVideoElement;

interface Detector {
  detect(source: Picture): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

const MAX_SIDE = 1280;

async function detectNatively(picture: Picture): Promise<string | undefined> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return undefined;
  try {
    const [code] = await new Native({ formats: ['qr_code'] }).detect(picture);
    return code?.rawValue;
  } catch {
    return undefined;
  }
}

async function detectWithJsQr(picture: Picture, width: number, height: number): Promise<string | undefined> {
  const jsQR = await loadJsQr();
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
  const [w, h] = [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))];
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return undefined;
  context.drawImage(picture, 0, 0, w, h);
  const { data } = context.getImageData(0, 0, w, h);
  return jsQR(data, w, h)?.data;
}

/** The text of the QR code in the picture, or undefined when none is read. */
export async function decodeQr(picture: Picture): Promise<string | undefined> {
  const [width, height] =
    picture instanceof HTMLVideoElement
      ? [picture.videoWidth, picture.videoHeight]
      : [picture.width, picture.height];
  if (width === 0 || height === 0) return undefined;
  return (await detectNatively(picture)) ?? detectWithJsQr(picture, width, height);
}

/** The QR code of a chosen image file. */
export async function decodeQrFile(file: Blob): Promise<string | undefined> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeQr(bitmap);
  } finally {
    bitmap.close();
  }
}
