import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { Criterion } from '../criteria/criteria.entity';
import { Assessment, AssessmentStatus, CorrectiveAction, CriterionScore, Finding, FindingSeverity } from './assessment.entity';

export const assessmentByIdLoader = defineLoader<string, Assessment | null>({
  name: 'assessmentById',
  async batch(em, ids) {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length ? await em.find(Assessment, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** Assessments of each laboratory, latest first. */
export const assessmentsByLaboratoryLoader = defineLoader<string, Assessment[]>({
  name: 'assessmentsByLaboratory',
  async batch(em, laboratoryIds) {
    const rows = await em.find(
      Assessment,
      { laboratory: { $in: [...laboratoryIds] } },
      { orderBy: { startDate: 'desc', createdAt: 'desc' } },
    );
    return groupByKeys(laboratoryIds, rows, (row) => row.laboratory.id);
  },
});

export const criterionByIdLoader = defineLoader<number, Criterion | null>({
  name: 'criterionById',
  async batch(em, ids) {
    const rows = await em.find(Criterion, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

export const scoresByAssessmentLoader = defineLoader<string, CriterionScore[]>({
  name: 'scoresByAssessment',
  async batch(em, assessmentIds) {
    const rows = await em.find(CriterionScore, { assessment: { $in: [...assessmentIds] } }, { orderBy: { id: 'asc' } });
    return groupByKeys(assessmentIds, rows, (row) => row.assessment.id);
  },
});

export const findingsByAssessmentLoader = defineLoader<string, Finding[]>({
  name: 'findingsByAssessment',
  async batch(em, assessmentIds) {
    const rows = await em.find(
      Finding,
      { assessment: { $in: [...assessmentIds] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return groupByKeys(assessmentIds, rows, (row) => row.assessment.id);
  },
});

/** Major findings of each laboratory's decided assessments: they keep blocking a pass while open. */
export const decidedMajorFindingsByLaboratoryLoader = defineLoader<string, Finding[]>({
  name: 'decidedMajorFindingsByLaboratory',
  async batch(em, laboratoryIds) {
    const rows = await em.find(
      Finding,
      {
        severity: FindingSeverity.MAJOR,
        assessment: { laboratory: { $in: [...laboratoryIds] }, status: AssessmentStatus.DECIDED },
      },
      { populate: ['assessment'], orderBy: { createdAt: 'asc' } },
    );
    return groupByKeys(laboratoryIds, rows, (row) => row.assessment.laboratory.id);
  },
});

export const correctiveActionsByFindingLoader = defineLoader<string, CorrectiveAction[]>({
  name: 'correctiveActionsByFinding',
  async batch(em, findingIds) {
    const rows = await em.find(
      CorrectiveAction,
      { finding: { $in: [...findingIds] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return groupByKeys(findingIds, rows, (row) => row.finding.id);
  },
});
