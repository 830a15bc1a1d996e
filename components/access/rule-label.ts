import type { RuleDecider } from '@/drizzle/schema';

export const RULE_LABELS: Record<RuleDecider, string> = {
  tenant_domain: 'customer domain',
  domain_rule: 'domain rule',
  free_mail: 'free-mail provider',
};
