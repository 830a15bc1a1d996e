import 'server-only';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { ServiceActor } from '@/lib/core/actor';
import { config } from '@/lib/core/config';
import { AppError } from '@/lib/core/errors';
import type { Ctx } from '@/lib/db/ctx';
import { type Decision, decideAccess, decisionInput } from './decision';
import { grantTokenKey } from './token-key';

/** The JWT `typ` of a grant token, so that no other kind of token can pass for one (RFC 8725, 3.11). */
export const GRANT_TOKEN_TYPE = 'lockbox-grant+jwt';
/** A token lives at most this long, and never past its grant's end. */
export const TOKEN_SECONDS = 60;

export const tokenInput = decisionInput.extend({
  audience: z
    .string({ error: 'Name the service that will verify the token (its audience).' })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/, 'The audience is 1 to 200 letters, digits and . _ : / -, naming the service that verifies the token.'),
});

export interface GrantToken {
  token: string;
  expiresAt: string;
  grant: NonNullable<Decision['grant']>;
}

/** Where tokens say they come from: the trust center's own address. */
export const tokenIssuer = () => config().appUrl.origin;

/**
 * A short-lived token saying that this staff member may reach this tenant's data with this
 * access, signed with Ed25519 (EdDSA) so that the product's services can check it offline
 * against /api/v1/jwks.json. Issued only when the decision allows the access (which is recorded
 * as any decision); 403 `no_access` otherwise.
 */
export async function issueGrantToken(ctx: Ctx<ServiceActor>, input: z.output<typeof tokenInput>): Promise<GrantToken> {
  const { audience, ...asked } = input;
  const decision = await decideAccess(ctx, asked);
  if (!decision.allowed || !decision.grant || !decision.staffId) {
    throw new AppError('no_access', `No active grant gives this staff member ${asked.access} access to this tenant (${decision.reason}).`, 403);
  }
  const now = Math.floor(ctx.clock.now().getTime() / 1000);
  const end = Math.floor(new Date(decision.grant.endsAt).getTime() / 1000);
  const expires = Math.min(now + TOKEN_SECONDS, end);
  const key = grantTokenKey();
  const token = await new SignJWT({
    tenant: asked.tenant,
    access: decision.grant.access,
    grant: decision.grant.id,
    grant_kind: decision.grant.kind,
    ...(asked.staff.email ? { email: asked.staff.email.toLowerCase() } : { directory_user_id: asked.staff.directoryUserId }),
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: GRANT_TOKEN_TYPE })
    .setIssuer(tokenIssuer())
    .setAudience(audience)
    .setSubject(decision.staffId)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(expires)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(expires * 1000).toISOString(), grant: decision.grant };
}

/** The keys that verify grant tokens, as a JWK set. */
export function grantTokenKeys() {
  return { keys: [grantTokenKey().publicJwk] };
}
