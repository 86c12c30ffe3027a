import type { Role } from '@metrology/kit';

/**
 * Who runs the register and the assessments (docs/RULES.md, "Roles"): metrology officers and
 * assessors (Chi cục TĐC) and administrators. Every mutation of this subgraph is theirs.
 */
export const OFFICER_ROLES: readonly Role[] = ['admin', 'assessor'];

/**
 * Who reads the register of organisations, laboratories, standards, capacity projects,
 * engagements and recognitions. These records hold no personal data: the officers, finance
 * officers (who pay for laboratories, standards and engagements), trainers (who name employers)
 * and dashboard viewers (drill-down lists behind the plan's counts). Trainees read none of it;
 * assessments, with their findings and assessors, stay with OFFICER_ROLES.
 */
export const REGISTER_READER_ROLES: readonly Role[] = ['admin', 'assessor', 'finance', 'trainer', 'viewer'];
