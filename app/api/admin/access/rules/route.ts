import { addDomainRule, listDomainRules } from '@/lib/access/domain-rules';
import { handler } from '@/lib/api/handler';

const PAGE = '/admin/access-requests/rules';

export const GET = handler({ access: 'trust-admin' }, async (ctx) => ({ json: { rules: await listDomainRules(ctx) } }));

/** Adds a rule for an e-mail domain: {"domain","decision":"approve|review|deny","mutualNda","note"}. */
export const POST = handler({ access: 'trust-admin', body: 'json-or-form', form: { back: PAGE } }, async (ctx, { data }) => ({
  json: { rule: await addDomainRule(ctx, data) },
  status: 201,
  redirect: `${PAGE}?saved=1`,
}));
