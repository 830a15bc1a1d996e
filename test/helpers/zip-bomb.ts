// Zip bombs made cheaply for tests: a real ExcelJS workbook whose first worksheet is swapped
// for a deflate stream that inflates to far more than the directory declares.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  /** The uncompressed size the directory declares. */
  declaredSize: number;
  /** As stored in the archive (compressed when deflated). */
  data: Buffer;
}

/** The parts of a plain ZIP archive (no ZIP64, no comment), as its central directory lists them. */
export function readZip(zip: Buffer): ZipPart[] {
  const end = zip.length - 22;
  if (zip.readUInt32LE(end) !== 0x06054b50) throw new Error('not a plain ZIP archive');
  const parts: ZipPart[] = [];
  let offset = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const local = zip.readUInt32LE(offset + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    parts.push({
      name: zip.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: zip.readUInt16LE(offset + 10),
      crc32: zip.readUInt32LE(offset + 16),
      declaredSize: zip.readUInt32LE(offset + 24),
      data: zip.subarray(start, start + zip.readUInt32LE(offset + 20)),
    });
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return parts;
}

/** A ZIP archive of these parts, stored as given (data already compressed when method is 8). */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc32, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc32, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += local.length + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A deflated part holding `data`, declared honestly. */
export function deflatedPart(name: string, data: Buffer): ZipPart {
  return { name, method: 8, crc32: crc32(data), declaredSize: data.length, data: deflateRawSync(data) };
}

/**
 * A raw deflate stream of `mib` MiB of zeros in about `mib` KB: one MiB deflated and flushed
 * with Z_FULL_FLUSH (a non-final block, byte aligned, no reference to what came before),
 * repeated, then an empty final block (fixed Huffman, end-of-block code only).
 */
export function zerosDeflated(mib: number): { data: Buffer; crc32: number } {
  const zeros = Buffer.alloc(1024 * 1024);
  const block = deflateRawSync(zeros, { finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < mib; i++) crc = crc32(zeros, crc);
  return { data: Buffer.concat([...Array<Buffer>(mib).fill(block), Buffer.from([0x03, 0x00])]), crc32: crc };
}

/** A small workbook as ExcelJS writes it, shaped like an answers export. */
export async function honestWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Answers');
  sheet.addRow(['Section', 'Question ID', 'Question', 'Answer', 'Comment', 'Evidence']);
  sheet.addRow(['Governance', 'GOV-01', 'Is there a policy?', 'Yes', 'Reviewed yearly.', '']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * `workbook` with its first worksheet replaced by `mib` MiB of zeros that its directory
 * declares as `declaredSize` bytes (1 KB unless given).
 */
export function zipBomb(workbook: Buffer, mib: number, declaredSize = 1024): Buffer {
  const bomb = zerosDeflated(mib);
  const parts = readZip(workbook).map((e): ZipPart =>
    e.name === 'xl/worksheets/sheet1.xml' ? { name: e.name, method: 8, crc32: bomb.crc32, declaredSize, data: bomb.data } : e,
  );
  if (!parts.some((p) => p.data === bomb.data)) throw new Error('the workbook has no xl/worksheets/sheet1.xml');
  return writeZip(parts);
}
