import { planTargetsSeeder } from '@metrology/kit';

/** The STANDARDS, MAP, LABS and CAPACITY targets of every seeded plan. */
export const InfrastructureTargetsSeeder = planTargetsSeeder(['STANDARDS', 'MAP', 'LABS', 'CAPACITY']);
