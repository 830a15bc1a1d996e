import { handler } from '@/lib/api/handler';
import { publicKeys } from '@/lib/governance/checkpoints';

export const dynamic = 'force-dynamic';

/** The Ed25519 public keys that sign governance-log checkpoints, as a JWK set; old keys stay listed. */
export const GET = handler({ access: 'public' }, async (ctx) => ({
  json: await publicKeys(ctx.db),
  headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
}));
