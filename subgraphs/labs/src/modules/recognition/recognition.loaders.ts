import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { Recognition, RecognitionStatusChange } from './recognition.entity';

export const recognitionByIdLoader = defineLoader<string, Recognition | null>({
  name: 'recognitionById',
  async batch(em, ids) {
    const wellFormed = ids.filter(isUuid);
    const rows = wellFormed.length ? await em.find(Recognition, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** The recognition granted by each assessment, if any. */
export const recognitionByAssessmentLoader = defineLoader<string, Recognition | null>({
  name: 'recognitionByAssessment',
  async batch(em, assessmentIds) {
    const rows = await em.find(Recognition, { assessment: { $in: [...assessmentIds] } });
    const byAssessment = new Map(rows.map((row) => [row.assessment.id, row]));
    return assessmentIds.map((id) => byAssessment.get(id) ?? null);
  },
});

/** Recognitions of each laboratory, latest first. */
export const recognitionsByLaboratoryLoader = defineLoader<string, Recognition[]>({
  name: 'recognitionsByLaboratory',
  async batch(em, laboratoryIds) {
    const rows = await em.find(
      Recognition,
      { laboratory: { $in: [...laboratoryIds] } },
      { orderBy: { validFrom: 'desc', createdAt: 'desc' } },
    );
    return groupByKeys(laboratoryIds, rows, (row) => row.laboratory.id);
  },
});

/** Status changes of each recognition, in the order they were made. */
export const statusChangesByRecognitionLoader = defineLoader<string, RecognitionStatusChange[]>({
  name: 'statusChangesByRecognition',
  async batch(em, recognitionIds) {
    const rows = await em.find(
      RecognitionStatusChange,
      { recognition: { $in: [...recognitionIds] } },
      { orderBy: { id: 'asc' } },
    );
    return groupByKeys(recognitionIds, rows, (row) => row.recognition.id);
  },
});
