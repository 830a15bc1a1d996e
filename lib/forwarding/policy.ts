import 'server-only';
import { config } from '@/lib/core/config';
import type { TargetPolicy } from './targets';

/** The running configuration's forwarding policy (FORWARDING_ALLOW_PRIVATE_TARGETS). */
export function targetPolicy(): TargetPolicy {
  return { allowPrivateTargets: config().forwardingAllowPrivateTargets };
}
