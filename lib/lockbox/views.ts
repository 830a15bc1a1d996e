import type { LockboxAccess, LockboxStatus, breakGlassSessions, lockboxApprovals, lockboxRequests } from '@/drizzle/schema';

/** What a person sees of a request: its stored status, and its state now. */
export type LockboxState = 'pending' | 'active' | 'denied' | 'expired' | 'revoked';

export interface LockboxRequestView {
  id: string;
  tenantId: string;
  requester: { id: string; name: string; email: string };
  justification: string;
  ticket: string;
  durationMinutes: number;
  access: LockboxAccess;
  status: LockboxStatus;
  state: LockboxState;
  requiredApprovals: number;
  approvals: { approverId: string; name: string; comment: string; at: Date }[];
  createdAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  deciderName: string;
  decisionComment: string;
  grantStartsAt: Date | null;
  grantEndsAt: Date | null;
  revokedAt: Date | null;
  revokerName: string;
}

export function stateOf(r: { status: LockboxStatus; expiresAt: Date; grantEndsAt: Date | null }, now: Date): LockboxState {
  if (r.status === 'pending') return r.expiresAt > now ? 'pending' : 'expired';
  if (r.status === 'approved') return r.grantEndsAt && r.grantEndsAt > now ? 'active' : 'expired';
  return r.status;
}

export function requestView(r: typeof lockboxRequests.$inferSelect, approvals: (typeof lockboxApprovals.$inferSelect)[], now: Date): LockboxRequestView {
  return {
    id: r.id,
    tenantId: r.tenantId,
    requester: { id: r.requestedBy, name: r.requesterName, email: r.requesterEmail },
    justification: r.justification,
    ticket: r.ticket,
    durationMinutes: r.durationMinutes,
    access: r.access,
    status: r.status,
    state: stateOf(r, now),
    requiredApprovals: r.requiredApprovals,
    approvals: approvals
      .filter((a) => a.requestId === r.id)
      .map((a) => ({ approverId: a.approverId, name: a.approverName, comment: a.comment, at: a.approvedAt })),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    deciderName: r.deciderName,
    decisionComment: r.decisionComment,
    grantStartsAt: r.grantStartsAt,
    grantEndsAt: r.grantEndsAt,
    revokedAt: r.revokedAt,
    revokerName: r.revokerName,
  };
}

export type BreakGlassState = 'active' | 'ended';

export interface BreakGlassView {
  id: string;
  tenantId: string;
  invoker: { id: string; name: string; email: string };
  justification: string;
  incident: string;
  durationMinutes: number;
  startedAt: Date;
  endsAt: Date;
  endedAt: Date | null;
  state: BreakGlassState;
  review: { text: string; reviewerName: string; at: Date } | null;
}

export function sessionView(s: typeof breakGlassSessions.$inferSelect, now: Date): BreakGlassView {
  return {
    id: s.id,
    tenantId: s.tenantId,
    invoker: { id: s.invokedBy, name: s.invokerName, email: s.invokerEmail },
    justification: s.justification,
    incident: s.incident,
    durationMinutes: s.durationMinutes,
    startedAt: s.startedAt,
    endsAt: s.endsAt,
    endedAt: s.endedAt ?? (s.endsAt <= now ? s.endsAt : null),
    state: !s.endedAt && s.endsAt > now ? 'active' : 'ended',
    review: s.review && s.reviewedAt ? { text: s.review, reviewerName: s.reviewerName, at: s.reviewedAt } : null,
  };
}
