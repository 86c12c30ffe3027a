import { planTargetsResolver } from '@metrology/kit';

/** `Plan.infrastructureTargets`: the STANDARDS, MAP, LABS and CAPACITY targets this subgraph counts. */
export const PlanInfrastructureTargetsResolver = planTargetsResolver(
  'infrastructureTargets',
  'Metrology infrastructure targets: socialised standards, Measurement Assurance Programme, recognised laboratories, raised capacity.',
);
