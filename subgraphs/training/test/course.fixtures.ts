/**
 * Helpers for the course, trainee and enrolment tests: valid inputs to vary, the error code of a
 * response, and the audit trail of a record.
 */
import { AuditEvent } from '@metrology/kit';
import type { GraphQLResponse, TestSubgraph } from '@metrology/kit/testing';

/** A valid `CourseInput`; each test changes what it is about. */
export function courseInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: `DL-${Math.random().toString(36).slice(2, 10)}`,
    title: 'Bồi dưỡng kiểm định viên đo lường khối lượng',
    kind: 'VERIFIER_TRAINING',
    field: 'MASS',
    venue: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
    startDate: '2026-03-02',
    endDate: '2026-03-20',
    plannedHours: 40,
    capacity: 30,
    planCode: '129/KH-UBND',
    ...overrides,
  };
}

/** The `extensions` of the first error (code, field, messageEn, details). */
export function errorOf(result: GraphQLResponse): Record<string, unknown> | undefined {
  return result.errors?.[0]?.extensions;
}

/** The audit trail of one record, oldest first. */
export async function auditOf(subgraph: TestSubgraph, entityId: string): Promise<AuditEvent[]> {
  return subgraph.database.orm.em.fork().find(AuditEvent, { entityId }, { orderBy: { id: 'asc' } });
}
