import { type Bilingual, defineAccess, whenFor } from '@metrology/kit';
import { OFFICER_ROLES, REGISTER_READER_ROLES } from './shared/access';

/**
 * Labs' role matrix (docs/ROLES.md is printed from it). Every write is the officers' (assessors
 * and administrators); the register is read by every staff role, assessments by officers only.
 */

const officer = { roles: OFFICER_ROLES };
const reader = { roles: REGISTER_READER_ROLES };

const fourEyes: Bilingual = {
  en: 'did not record every score of the assessment alone (four eyes)',
  vi: 'không phải người duy nhất đã chấm mọi tiêu chí của cuộc đánh giá (nguyên tắc hai người)',
};

export const ACCESS = defineAccess('labs', {
  Query: {
    assessment: officer,
    assessments: officer,
    assuranceEngagement: reader,
    assuranceEngagements: reader,
    assuranceEngagementsByOwnership: { roles: 'signed-in' },
    capacityProjects: reader,
    criteriaSet: reader,
    criteriaSets: reader,
    expiringRegistrations: reader,
    laboratories: reader,
    laboratory: reader,
    measurementStandard: reader,
    measurementStandards: reader,
    organization: reader,
    organizations: reader,
    overdueCalibrations: reader,
    recognition: reader,
    recognitions: reader,
    standardKinds: reader,
  },
  Mutation: {
    addCorrectiveAction: officer,
    addFinding: officer,
    changeAssuranceEngagementStatus: officer,
    closeCorrectiveAction: officer,
    completeCapacityProject: officer,
    createAssessment: officer,
    decideAssessment: { roles: OFFICER_ROLES, when: whenFor(OFFICER_ROLES, fourEyes) },
    importCriteriaSet: officer,
    planAssuranceEngagement: officer,
    recordAssessmentScores: officer,
    registerCapacityProject: officer,
    registerLaboratory: officer,
    registerMeasurementStandard: officer,
    registerOrganization: officer,
    registerStandardKind: officer,
    reinstateRecognition: officer,
    submitAssessment: officer,
    suspendRecognition: officer,
    updateAssessment: officer,
    updateAssuranceEngagement: officer,
    updateFinding: officer,
    updateLaboratory: officer,
    updateMeasurementStandard: officer,
    updateOrganization: officer,
    withdrawRecognition: officer,
  },
  fields: {
    'Laboratory.assessments': officer,
    'Laboratory.recognitions': reader,
    'Organization.assuranceEngagements': reader,
    'Organization.laboratories': reader,
    'Organization.measurementStandards': reader,
    'Recognition.assessment': officer,
  },
  fourEyes: [
    {
      field: 'Mutation.decideAssessment',
      enforced: true,
      rule: {
        en: 'whoever recorded every current score of the assessment alone cannot decide it; the recognition a pass grants is granted by the decider, so it is covered too',
        vi: 'người tự chấm toàn bộ tiêu chí không được quyết định; công nhận do người quyết định cấp',
      },
      why: 'The outcome and the recognition follow from the scores: one person scoring and deciding could recognise a laboratory alone. Each score keeps who recorded it last (`criterion_score.recorded_by`; scores from before were filled from the audit trail; unknown counts as someone else), so the rule needs no assignment of assessors. FORBIDDEN, reason FOUR_EYES.',
    },
    {
      field: 'Mutation.submitAssessment',
      enforced: false,
      rule: { en: 'submitted by someone other than the scorer', vi: 'người trình khác người chấm' },
      why: 'Submitting only closes the scoring; the decision is the step with consequences, and it is guarded.',
    },
    {
      field: 'Mutation.reinstateRecognition',
      enforced: false,
      rule: { en: 'reinstated by someone other than who suspended it', vi: 'người khôi phục khác người đình chỉ' },
      why: "Suspension, reinstatement and withdrawal record the Department's decision made outside the platform; the status history keeps who recorded each. A second person here would check data entry, not the decision.",
    },
  ],
});
