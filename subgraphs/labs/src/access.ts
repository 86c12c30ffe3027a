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
});
