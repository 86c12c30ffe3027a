import { EngagementStatus } from './engagement.entity';

/** PLANNED → IN_PROGRESS → COMPLETED; PLANNED or IN_PROGRESS → CANCELLED. COMPLETED and CANCELLED are final. */
const ALLOWED: Record<EngagementStatus, readonly EngagementStatus[]> = {
  PLANNED: [EngagementStatus.IN_PROGRESS, EngagementStatus.CANCELLED],
  IN_PROGRESS: [EngagementStatus.COMPLETED, EngagementStatus.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
};

export function canMoveEngagement(from: EngagementStatus, to: EngagementStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function isEngagementClosed(status: EngagementStatus): boolean {
  return ALLOWED[status].length === 0;
}
