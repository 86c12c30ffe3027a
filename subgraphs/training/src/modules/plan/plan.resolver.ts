import { planTargetsResolver } from '@metrology/kit';

/** `Plan.trainingTargets`: the TRAINING targets this subgraph counts (per phase and per year). */
export const PlanTrainingTargetsResolver = planTargetsResolver(
  'trainingTargets',
  'Training targets (chỉ tiêu bồi dưỡng): people-times per phase and per calendar year.',
);
