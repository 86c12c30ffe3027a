import { AuditEvent, DataRevision, PlanTarget } from '@metrology/kit';
import { Assessment, CorrectiveAction, CriterionScore, Finding } from './modules/assessment/assessment.entity';
import { CapacityProject } from './modules/capacity/capacity.entity';
import { CriteriaSet, Criterion } from './modules/criteria/criteria.entity';
import { AssuranceEngagement } from './modules/engagement/engagement.entity';
import { Accreditation, Laboratory, RegistrationCertificate } from './modules/laboratory/laboratory.entity';
import { Organization } from './modules/organization/organization.entity';
import { Recognition, RecognitionStatusChange } from './modules/recognition/recognition.entity';
import { MeasurementStandard, StandardKind, Traceability } from './modules/standard/standard.entity';

/** Every entity (and embeddable) of the labs database. */
export const entities = [
  PlanTarget,
  AuditEvent,
  Organization,
  Laboratory,
  RegistrationCertificate,
  Accreditation,
  CriteriaSet,
  Criterion,
  Assessment,
  CriterionScore,
  Finding,
  CorrectiveAction,
  Recognition,
  RecognitionStatusChange,
  StandardKind,
  MeasurementStandard,
  Traceability,
  CapacityProject,
  AssuranceEngagement,
  DataRevision,
];
