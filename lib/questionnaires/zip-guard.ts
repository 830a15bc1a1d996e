import { AnswerInputError } from './errors';

// An XLSX file is a ZIP archive. Before a spreadsheet library inflates it, its central
// directory is read to refuse archives that would expand far beyond their size (zip bombs).

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const MAX_ENTRIES = 2000;
/** More than a workbook of a few thousand rows could ever need. */
export const MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024;

function damaged(): never {
  throw new AnswerInputError('unreadable_xlsx', 'The XLSX file is damaged or not a workbook. Export it again from your spreadsheet program.', {}, 400);
}

/** Throws unless `bytes` is a ZIP archive of sane size; answers its total uncompressed size. */
export function checkZipArchive(bytes: Buffer): number {
  const searchFrom = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= searchFrom; i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd === -1) damaged();
  const entries = bytes.readUInt16LE(eocd + 10);
  const directoryOffset = bytes.readUInt32LE(eocd + 16);
  if (entries === 0xffff || directoryOffset === 0xffffffff || entries > MAX_ENTRIES) damaged();
  let offset = directoryOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_ENTRY) damaged();
    const uncompressed = bytes.readUInt32LE(offset + 24);
    if (uncompressed === 0xffffffff) damaged();
    total += uncompressed;
    if (total > MAX_UNCOMPRESSED_BYTES) {
      throw new AnswerInputError('file_too_large', 'The workbook expands to more than 40 MB. Import only the questionnaire’s answers sheet.', {}, 413);
    }
    offset += 46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return total;
}
