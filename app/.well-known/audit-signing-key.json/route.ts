import { NextResponse } from 'next/server';
import { getDatabase } from '@/lib/db';
import { publicKeys } from '@/lib/governance/checkpoints';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** The Ed25519 public keys that sign governance-log checkpoints, as a JWK set; old keys stay listed. */
export const GET = route(async () =>
  NextResponse.json(await publicKeys(await getDatabase()), {
    headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  }),
);
