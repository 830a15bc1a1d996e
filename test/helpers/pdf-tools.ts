import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withFile<T>(bytes: Uint8Array, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pdf-'));
  const file = path.join(dir, 'doc.pdf');
  try {
    await writeFile(file, bytes);
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `qpdf --check`: resolves with its report when the file is structurally sound, rejects otherwise. */
export function qpdfCheck(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, async (file) => {
    try {
      const { stdout } = await run('qpdf', ['--check', file]);
      return stdout;
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      throw new Error(`qpdf --check failed (exit ${e.code}): ${e.stdout ?? ''}${e.stderr ?? ''}`);
    }
  });
}

/** The text of the PDF per `pdftotext -layout`; with `page`, only that page (1-based). */
export function pdfText(bytes: Uint8Array, page?: number): Promise<string> {
  return withFile(bytes, async (file) => {
    const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
    const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** The text in content-stream order (`pdftotext -raw`): a table cell's lines stay together. */
export function pdfRawText(bytes: Uint8Array): Promise<string> {
  return withFile(bytes, async (file) => {
    const { stdout } = await run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
}

/** The fields `pdfinfo` prints (Title, Author, Subject, Pages, CreationDate, ...). */
export function pdfInfo(bytes: Uint8Array): Promise<Record<string, string>> {
  return withFile(bytes, async (file) => {
    const { stdout } = await run('pdfinfo', ['-isodates', file]);
    return Object.fromEntries(
      stdout
        .split('\n')
        .map((line) => line.match(/^([^:]+):\s*(.*)$/))
        .filter((m): m is RegExpMatchArray => m !== null)
        .map((m) => [m[1].trim(), m[2].trim()]),
    );
  });
}

/** The fonts a PDF uses, per `pdffonts` (name and whether embedded). */
export function pdfFonts(bytes: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  return withFile(bytes, async (file) => {
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        // name type [encoding...] emb sub uni object ID: emb is the 5th column from the end.
        return { name: cols[0], embedded: cols[cols.length - 5] === 'yes' };
      });
  });
}
