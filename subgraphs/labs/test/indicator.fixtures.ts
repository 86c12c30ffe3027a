/**
 * Arrange helpers for the indicator tests: register rows written straight to the database, so
 * that past dates, histories and statuses can be set as a test needs them (the mutations that
 * write them are proven in their own tests).
 */
import { MetrologyField, searchKey } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assessment, AssessmentKind, AssessmentOutcome, AssessmentStatus } from '../src/modules/assessment/assessment.entity';
import { CapacityArea, CapacityProject } from '../src/modules/capacity/capacity.entity';
import { CriteriaSet } from '../src/modules/criteria/criteria.entity';
import { AssuranceEngagement, AssuranceService, EngagementStatus } from '../src/modules/engagement/engagement.entity';
import { Laboratory, LaboratoryService } from '../src/modules/laboratory/laboratory.entity';
import { Organization, OrganizationKind, Ownership, PrioritySector } from '../src/modules/organization/organization.entity';
import { Recognition, RecognitionStatus, RecognitionStatusChange } from '../src/modules/recognition/recognition.entity';
import { MeasurementStandard, StandardKind, StandardStatus } from '../src/modules/standard/standard.entity';

export function organization(em: EntityManager, taxCode: string, ownership: Ownership): Organization {
  const name = `Tổ chức ${taxCode}`;
  return em.create(Organization, {
    taxCode,
    name,
    searchName: searchKey(name),
    kind: OrganizationKind.ENTERPRISE,
    ownership,
    sector: PrioritySector.OTHER,
    address: null,
    createdAt: new Date(),
    version: 1,
  });
}

export function laboratory(em: EntityManager, owner: Organization, code: string): Laboratory {
  return em.create(Laboratory, {
    code,
    name: `Phòng thí nghiệm ${code}`,
    searchName: searchKey(`Phòng thí nghiệm ${code}`),
    organization: owner,
    fields: [MetrologyField.MASS],
    services: [LaboratoryService.CALIBRATION],
    registration: null,
    accreditation: null,
    createdAt: new Date(),
    version: 1,
  });
}

/**
 * A recognition of `lab` (behind a passed assessment) with its status changes, each
 * `[status, effective on]` in the order made; the recorded status is the last one's.
 */
export async function recognition(
  em: EntityManager,
  lab: Laboratory,
  validFrom: string,
  validUntil: string,
  changes: [RecognitionStatus, string][] = [],
): Promise<Recognition> {
  const set = await em.findOneOrFail(CriteriaSet, { code: 'TCVN-13187-MAU' });
  const assessment = em.create(Assessment, {
    laboratory: lab,
    criteriaSet: set,
    kind: AssessmentKind.INITIAL,
    status: AssessmentStatus.DECIDED,
    fields: [MetrologyField.MASS],
    startDate: validFrom,
    endDate: null,
    assessors: [{ subject: 'test-assessor', name: 'Chuyên gia' }],
    submittedAt: new Date(),
    outcome: AssessmentOutcome.PASSED,
    decidedOn: validFrom,
    decidedBy: 'test-assessor',
    decidedByName: 'Chuyên gia',
    totalScore: 90,
    unmetMandatoryCriteria: [],
    openMajorFindingsAtDecision: 0,
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 3,
  });
  const granted = em.create(Recognition, {
    laboratory: lab,
    assessment,
    validFrom,
    validUntil,
    scope: [MetrologyField.MASS],
    status: changes.length ? changes[changes.length - 1][0] : RecognitionStatus.ACTIVE,
    createdAt: new Date(),
    version: 1 + changes.length,
  });
  let from = RecognitionStatus.ACTIVE;
  for (const [to, effectiveOn] of changes) {
    em.create(RecognitionStatusChange, {
      recognition: granted,
      fromStatus: from,
      toStatus: to,
      effectiveOn,
      reason: 'Kiểm tra',
      changedBy: 'test-assessor',
      changedByName: 'Chuyên gia',
      changedAt: new Date(),
    });
    from = to;
  }
  await em.flush();
  return granted;
}

export function standardKind(em: EntityManager, code: string): StandardKind {
  return em.create(StandardKind, { code, name: `Loại chuẩn ${code}`, createdAt: new Date() });
}

export function standard(em: EntityManager, kind: StandardKind, owner: Organization, yearFirstSupported: number): void {
  em.create(MeasurementStandard, {
    kind,
    name: `Chuẩn ${kind.code} ${yearFirstSupported}`,
    field: MetrologyField.MASS,
    owner,
    yearFirstSupported,
    serial: `${kind.code}-${yearFirstSupported}`,
    traceability: null,
    status: StandardStatus.IN_SERVICE,
    createdAt: new Date(),
    version: 1,
  });
}

/** An engagement in `status`; a completed or cancelled one is dated `on`. */
export function engagement(
  em: EntityManager,
  enterprise: Organization,
  provider: Laboratory,
  status: EngagementStatus,
  on: string,
): void {
  em.create(AssuranceEngagement, {
    enterprise,
    provider,
    services: [AssuranceService.CALIBRATION],
    instrumentsCovered: 3,
    instrumentsDescription: null,
    plannedStart: '2018-01-01',
    plannedEnd: null,
    status,
    startedOn: status === EngagementStatus.PLANNED ? null : '2018-01-02',
    completedOn: status === EngagementStatus.COMPLETED ? on : null,
    cancelledOn: status === EngagementStatus.CANCELLED ? on : null,
    cancellationReason: status === EngagementStatus.CANCELLED ? 'Doanh nghiệp rút đăng ký' : null,
    createdAt: new Date(),
    version: 1,
  });
}

export function capacityProject(em: EntityManager, owner: Organization, year: number, completedOn: string | null): void {
  em.create(CapacityProject, {
    organization: owner,
    title: `Nâng cao năng lực ${year}`,
    raised: [CapacityArea.EQUIPMENT],
    year,
    completedOn,
    createdAt: new Date(),
    version: 1,
  });
}
