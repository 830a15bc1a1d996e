import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AnswerInputError } from '@/lib/questionnaires/errors';
import { checkZipArchive, MAX_ENTRY_BYTES } from '@/lib/questionnaires/zip-guard';
import { deflatedPart, honestWorkbook, readZip, writeZip, zerosDeflated, zipBomb } from '../helpers/zip-bomb';

const MiB = 1024 * 1024;

async function refusal(run: Promise<unknown>) {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AnswerInputError);
  return error as AnswerInputError;
}

/** A part whose directory declares 1 KB but that inflates to `mib` MiB. */
function lyingPart(name: string, mib: number) {
  const { data, crc32 } = zerosDeflated(mib);
  return { name, method: 8, crc32, declaredSize: 1024, data };
}

describe('zip guard', () => {
  it('accepts an honest workbook and answers the bytes it inflates to', async () => {
    const workbook = await honestWorkbook();
    const declared = readZip(workbook).reduce((sum, e) => sum + e.declaredSize, 0);
    expect(declared).toBeGreaterThan(0);
    expect(await checkZipArchive(workbook)).toBe(declared);
  });

  it('counts what an entry really inflates to, whatever the directory declares, and stops at the per-entry limit', async () => {
    const workbook = await honestWorkbook();
    // The default limits: a worksheet declared as 1 KB that inflates to 64 MiB.
    const error = await refusal(checkZipArchive(zipBomb(workbook, 64)));
    expect(error).toMatchObject({ code: 'file_too_large', status: 413 });
    expect(error.message).toBe(
      `The workbook’s part “xl/worksheets/sheet1.xml” expands to more than ${MAX_ENTRY_BYTES / MiB} MB. Import only the questionnaire’s answers sheet.`,
    );
    // Just over and just under a small limit.
    const limits = { entryBytes: 2 * MiB, totalBytes: 40 * MiB };
    expect(await refusal(checkZipArchive(writeZip([lyingPart('a.xml', 3)]), limits))).toMatchObject({
      code: 'file_too_large',
      message: expect.stringMatching(/“a\.xml” expands to more than 2 MB/),
    });
    expect(await checkZipArchive(writeZip([lyingPart('a.xml', 2)]), limits)).toBe(2 * MiB);
  });

  it('stops at the total limit when each entry stays under its own', async () => {
    const limits = { entryBytes: 2 * MiB, totalBytes: 5 * MiB };
    const parts = ['a.xml', 'b.xml', 'c.xml'].map((name) => lyingPart(name, 2));
    const error = await refusal(checkZipArchive(writeZip(parts), limits));
    expect(error).toMatchObject({
      code: 'file_too_large',
      status: 413,
      message: 'The workbook expands to more than 5 MB. Import only the questionnaire’s answers sheet.',
    });
    expect(await checkZipArchive(writeZip(parts.slice(0, 2)), limits)).toBe(4 * MiB);
  });

  it('counts stored entries, and refuses early what the directory itself declares too large', async () => {
    const limits = { entryBytes: 2 * MiB, totalBytes: 5 * MiB };
    const stored = (name: string, data: Buffer) => ({ name, method: 0, crc32: crc32(data), declaredSize: data.length, data });
    const big = Buffer.alloc(1.5 * MiB, 0x41);
    expect(await checkZipArchive(writeZip([stored('a.xml', big), stored('b.xml', big)]), limits)).toBe(3 * MiB);
    expect(
      await refusal(checkZipArchive(writeZip([stored('a.xml', big), stored('b.xml', big), stored('c.xml', big), stored('d.xml', big)]), limits)),
    ).toMatchObject({
      code: 'file_too_large',
    });
    const honestButHuge = { ...deflatedPart('a.xml', Buffer.alloc(3 * MiB)) };
    expect(await refusal(checkZipArchive(writeZip([honestButHuge]), limits))).toMatchObject({
      code: 'file_too_large',
      message: expect.stringMatching(/“a\.xml”/),
    });
  });

  it('refuses as damaged what a spreadsheet library could read differently: other methods, ZIP64, encryption, prepended data, a wrong count, bad deflate data', async () => {
    const part = deflatedPart('a.xml', Buffer.from('<x/>'));
    const good = writeZip([part]);
    expect(await checkZipArchive(good)).toBe(4);
    const edited = (edit: (zip: Buffer, directory: number, end: number) => void) => {
      const zip = Buffer.from(good);
      const end = zip.length - 22;
      edit(zip, zip.readUInt32LE(end + 16), end);
      return zip;
    };
    const damaged = [
      writeZip([{ ...part, method: 12 }]),
      writeZip([{ ...part, method: 0 }]),
      edited((zip, directory) => zip.writeUInt32LE(0xffffffff, directory + 24)),
      edited((zip, directory) => zip.writeUInt32LE(0xffffffff, directory + 42)),
      edited((zip, _, end) => zip.writeUInt16LE(0xffff, end + 10)),
      edited((zip, directory) => zip.writeUInt16LE(0x0801, directory + 8)),
      edited((zip, _, end) => zip.writeUInt16LE(2, end + 10)),
      Buffer.concat([Buffer.alloc(16), good]),
      writeZip([{ ...part, data: Buffer.from([0xff, 0xff, 0xff, 0xff]) }]),
      good.subarray(0, good.length - 1),
    ];
    for (const [i, zip] of damaged.entries()) {
      expect(await refusal(checkZipArchive(zip)), `case ${i}`).toMatchObject({ code: 'unreadable_xlsx', status: 400 });
    }
    // A directory that lists more entries than its count says.
    const two = writeZip([part, deflatedPart('b.xml', Buffer.from('<y/>'))]);
    two.writeUInt16LE(1, two.length - 22 + 8);
    two.writeUInt16LE(1, two.length - 22 + 10);
    expect(await refusal(checkZipArchive(two))).toMatchObject({ code: 'unreadable_xlsx' });
  });
});
