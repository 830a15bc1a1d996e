import { approveRequest } from '@/lib/lockbox/decisions';
import { decisionRoute } from '../decision-route';

export const POST = decisionRoute(approveRequest, 'approved');
