import { generateKeyPairSync } from 'node:crypto';
import type { Clock } from '@/lib/core/clock';
import type { Database } from '@/lib/db/types';
import { exportLines, type ExportTarget } from '@/lib/governance/export';
import { parseSigningKey, type SigningKey } from '@/lib/governance/signing-key';
import { verifyLog, type VerifyOptions } from '@/lib/governance/verify';
import { nodeVerifyCrypto } from '@/lib/governance/verify-node';

/** A fresh Ed25519 signing key, as AUDIT_SIGNING_KEY would give. */
export function newSigningKey(): SigningKey {
  return parseSigningKey(generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'env');
}

/** The chain's export as one string, as the CLI writes it. */
export async function exportText(db: Database, target: ExportTarget, clock: Clock, key: SigningKey): Promise<string> {
  let text = '';
  for await (const line of exportLines(db, target, clock, key)) text += `${line}\n`;
  return text;
}

export const verifyText = (text: string | Uint8Array, options?: VerifyOptions) => verifyLog(text, nodeVerifyCrypto, options);

export const tenantTarget = (tenant: { id: string; slug: string; legalName: string }): ExportTarget => ({
  tenantId: tenant.id,
  tenant: { id: tenant.id, slug: tenant.slug, name: tenant.legalName },
});
