import 'server-only';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { systemClock } from '@/lib/core/clock';
import { loadConfig } from '@/lib/core/config';
import { openDatabase } from '@/lib/db/open';
import { exportLines, operatorExportTarget, recordOperatorExport } from './export';
import { parseChainHead, verifyLog } from './verify';
import { nodeVerifyCrypto, readPublicKeys } from './verify-node';

/** `audit export --tenant <slug> | --vendor [--out file]`: the chain as JSON Lines, recorded in the chain. */
export async function auditExport(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { tenant: { type: 'string' }, vendor: { type: 'boolean' }, out: { type: 'string' } } });
  if (!values.tenant === !values.vendor) throw new Error('Name one chain: --tenant <slug> or --vendor.');
  const db = await openDatabase(loadConfig());
  try {
    const target = await operatorExportTarget(db.database, values.tenant ?? null);
    await recordOperatorExport(db.database, target);
    const out = values.out ? createWriteStream(values.out, { flags: 'wx' }) : process.stdout;
    let events = 0;
    for await (const line of exportLines(db.database, target, systemClock)) {
      if (line.startsWith('{"event":')) events++;
      if (!out.write(`${line}\n`)) await once(out, 'drain');
    }
    if (values.out) {
      out.end();
      await once(out, 'finish');
      console.error(`Exported ${events} events of the ${target.tenant ? `${target.tenant.slug} tenant` : 'vendor'} chain to ${values.out}.`);
    }
    return 0;
  } finally {
    await db.database.close();
  }
}

/**
 * `audit verify <file> [--public-key <file>] [--previous-head SEQ:HASH]`: no database; exit 0 with
 * a summary, or 1 naming the first bad event.
 */
export async function auditVerify(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'public-key': { type: 'string' }, 'previous-head': { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error('Name one exported file: audit verify <file> [--public-key <file>] [--previous-head SEQ:HASH].');
  const previousHead = values['previous-head'] === undefined ? undefined : parsePreviousHead(values['previous-head']);
  const publicKeys = values['public-key'] ? readPublicKeys((await readInput(values['public-key'])).toString('utf8')) : undefined;
  const bytes = await readInput(positionals[0]);
  // Valid UTF-8 is decoded in one go; otherwise the verifier decodes line by line to name the bad line.
  const result = await verifyLog(isUtf8(bytes) ? bytes.toString('utf8') : bytes, nodeVerifyCrypto, { publicKeys, previousHead });
  (result.ok ? console.log : console.error)(result.summary);
  return result.ok ? 0 : 1;
}

function parsePreviousHead(text: string) {
  try {
    return parseChainHead(text);
  } catch (error) {
    throw new Error(`--previous-head ${JSON.stringify(text)}: ${(error as Error).message}.`);
  }
}

async function readInput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}.`);
  }
}
