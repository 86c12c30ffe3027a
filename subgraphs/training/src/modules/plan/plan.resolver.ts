import { planKeyType, planTargetsResolver } from '@metrology/kit';

/** The plan, known here by its code only. */
export const Plan = planKeyType();

/** `Plan.trainingTargets`: the TRAINING targets this subgraph counts (per phase and per year). */
export const PlanTrainingTargetsResolver = planTargetsResolver(
  Plan,
  'trainingTargets',
  'Training targets (chỉ tiêu bồi dưỡng): people-times per phase and per calendar year.',
);
