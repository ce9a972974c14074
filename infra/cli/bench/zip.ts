/**
 * The files of a zip archive, by name: enough of the format to read what `serverless package`
 * writes (stored or deflated entries, no zip64), so the bench and the tests weigh the very
 * files that are deployed.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_FILE_HEADER = 0x02014b50;

export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(END_OF_CENTRAL_DIRECTORY);
  if (end < 0) throw new Error('not a zip archive');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== CENTRAL_FILE_HEADER) throw new Error('corrupt zip central directory');
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataAt =
      localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const data = archive.subarray(dataAt, dataAt + compressedSize);
    if (!name.endsWith('/')) {
      if (method === 8) files.set(name, inflateRawSync(data));
      else if (method === 0) files.set(name, Buffer.from(data));
      else throw new Error(`${name}: zip compression method ${method} not supported`);
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
