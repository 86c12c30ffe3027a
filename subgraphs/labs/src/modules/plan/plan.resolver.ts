import { planKeyType, planTargetsResolver } from '@metrology/kit';

/** The plan, known here by its code only. */
export const Plan = planKeyType();

/** `Plan.infrastructureTargets`: the STANDARDS, MAP, LABS and CAPACITY targets this subgraph counts. */
export const PlanInfrastructureTargetsResolver = planTargetsResolver(
  Plan,
  'infrastructureTargets',
  'Metrology infrastructure targets: socialised standards, Measurement Assurance Programme, recognised laboratories, raised capacity.',
);
