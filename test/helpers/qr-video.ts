/**
 * A video of a QR code for Chromium's fake camera (`--use-file-for-fake-video-capture`): a few
 * identical frames of YUV4MPEG2 (4:2:0), the code drawn black on white, centred, from the
 * `qrcode` package's module matrix.
 */
import QRCode from 'qrcode';

export function qrVideo(text: string, width = 640, height = 480, frames = 3): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const scale = Math.floor(Math.min(width, height) / (modules.size + 2 * quiet));
  const side = (modules.size + 2 * quiet) * scale;
  const [left, top] = [Math.floor((width - side) / 2), Math.floor((height - side) / 2)];
  const luma = Buffer.alloc(width * height, 235);
  for (let y = 0; y < modules.size * scale; y++)
    for (let x = 0; x < modules.size * scale; x++)
      if (modules.get(Math.floor(y / scale), Math.floor(x / scale)))
        luma[(top + quiet * scale + y) * width + left + quiet * scale + x] = 16;
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array.from({ length: frames }, () => frame),
  ]);
}
