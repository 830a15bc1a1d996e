import { createInflateRaw } from 'node:zlib';
import { AnswerInputError } from './errors';

// An XLSX file is a ZIP archive. Before a spreadsheet library reads it, every entry is
// inflated here and its bytes counted (then dropped), so that an archive expanding far beyond
// its size (a zip bomb) is refused after a bounded amount of work and memory. The sizes the
// archive declares are checked first, but they are only claims: the counting is what holds.
//
// The archive is read the way JSZip (inside ExcelJS) reads it, so that both see the same
// entries: the last end-of-directory record, every directory entry that follows the one
// before it, each entry's data after its local header. What JSZip would read differently
// (data prepended to the archive, ZIP64, a directory whose count disagrees) is refused.

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const MAX_ENTRIES = 2000;
/** More than a workbook of a few thousand rows could ever need. */
export const MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024;
/** More than the largest part of such a workbook (its first worksheet) could need. */
export const MAX_ENTRY_BYTES = 20 * 1024 * 1024;

export interface ZipLimits {
  entryBytes: number;
  totalBytes: number;
}

const MB = 1024 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  /** The uncompressed size the directory declares. */
  declaredSize: number;
  /** The entry's data as stored in the archive (compressed when deflated). */
  data: Buffer;
}

function damaged(): never {
  throw new AnswerInputError('unreadable_xlsx', 'The XLSX file is damaged or not a workbook. Export it again from your spreadsheet program.', {}, 400);
}

function tooLarge(limits: ZipLimits, entry?: string): never {
  const message = entry
    ? `The workbook’s part “${entry}” expands to more than ${limits.entryBytes / MB} MB. Import only the questionnaire’s answers sheet.`
    : `The workbook expands to more than ${limits.totalBytes / MB} MB. Import only the questionnaire’s answers sheet.`;
  throw new AnswerInputError('file_too_large', message, {}, 413);
}

/** The archive's entries as its central directory lists them; throws when it is not a plain ZIP archive. */
export function zipEntries(bytes: Buffer): ZipEntry[] {
  if (bytes.length < 22) damaged();
  let eocd = -1;
  for (let i = bytes.length - 4; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1 || eocd + 22 > bytes.length || eocd + 22 + bytes.readUInt16LE(eocd + 20) !== bytes.length) damaged();
  const disk = bytes.readUInt16LE(eocd + 4);
  const directoryDisk = bytes.readUInt16LE(eocd + 6);
  const entriesOnDisk = bytes.readUInt16LE(eocd + 8);
  const count = bytes.readUInt16LE(eocd + 10);
  const directorySize = bytes.readUInt32LE(eocd + 12);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  // 0xffff and 0xffffffff announce ZIP64; a split archive is no workbook.
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== count || count === 0xffff || count > MAX_ENTRIES) damaged();
  if (directoryOffset + directorySize !== eocd) damaged();
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  while (offset + 46 <= eocd && bytes.readUInt32LE(offset) === CENTRAL_ENTRY) {
    if (entries.length === count) damaged();
    const flags = bytes.readUInt16LE(offset + 8);
    const method = bytes.readUInt16LE(offset + 10);
    const crc32 = bytes.readUInt32LE(offset + 16);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const declaredSize = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) damaged();
    // Encrypted entries (bit 0) cannot be read; only stored and deflated ones can.
    if (flags & 1 || (method !== STORED && method !== DEFLATED)) damaged();
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (localOffset + 30 > directoryOffset || bytes.readUInt32LE(localOffset) !== LOCAL_ENTRY) damaged();
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    if (start + compressedSize > directoryOffset) damaged();
    entries.push({ name, method, flags, crc32, declaredSize, data: bytes.subarray(start, start + compressedSize) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== count || offset > eocd) damaged();
  return entries;
}

/**
 * Inflates a deflated entry, counting and dropping what comes out; stops as soon as the entry
 * passes `room` bytes. Answers how many bytes it inflated to, or `room + 1` when it stopped.
 */
function inflatedSize(data: Buffer, room: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > room) {
        inflate.destroy();
        resolve(room + 1);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', reject);
    inflate.end(data);
  });
}

/**
 * Throws unless `bytes` is a ZIP archive whose entries, inflated, stay within the limits (each
 * entry, and all together); answers its total uncompressed size. Memory stays at one inflate
 * buffer, whatever the archive holds.
 */
export async function checkZipArchive(bytes: Buffer, limits: ZipLimits = { entryBytes: MAX_ENTRY_BYTES, totalBytes: MAX_UNCOMPRESSED_BYTES }): Promise<number> {
  const entries = zipEntries(bytes);
  let declared = 0;
  for (const entry of entries) {
    if (entry.declaredSize > limits.entryBytes) tooLarge(limits, entry.name);
    declared += entry.declaredSize;
    if (declared > limits.totalBytes) tooLarge(limits);
  }
  let total = 0;
  for (const entry of entries) {
    const room = Math.min(limits.entryBytes, limits.totalBytes - total);
    let size: number;
    if (entry.method === STORED) {
      if (entry.data.length !== entry.declaredSize) damaged();
      size = entry.data.length;
    } else {
      size = await inflatedSize(entry.data, room).catch(() => damaged());
    }
    if (size > limits.entryBytes) tooLarge(limits, entry.name);
    total += size;
    if (total > limits.totalBytes) tooLarge(limits);
  }
  return total;
}
