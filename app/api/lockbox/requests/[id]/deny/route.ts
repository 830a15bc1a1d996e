import { denyRequest } from '@/lib/lockbox/decisions';
import { decisionRoute } from '../decision-route';

export const POST = decisionRoute(denyRequest, 'denied');
