/**
 * Scans QR codes from the phone's camera, where the browser offers one: the rear camera shown
 * in the page's video, a frame read four times a second until a code is found or the scan is
 * stopped, then the camera released.
 */
import { decodeQr } from './qr-decode.js';

export const cameraAvailable = () => typeof navigator.mediaDevices?.getUserMedia === 'function';

export interface CameraScan {
  stop(): void;
}

export async function scanWithCamera(
  video: HTMLVideoElement,
  onCode: (text: string) => boolean,
): Promise<CameraScan> {
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment' },
    audio: false,
  });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
    video.hidden = true;
  };
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const tick = async () => {
    if (stopped) return;
    const text = await decodeQr(video).catch(() => undefined);
    if (text !== undefined && onCode(text)) stop();
    else if (!stopped) timer = setTimeout(tick, 250);
  };
  void tick();
  return { stop };
}
