import { planTargetsSeeder } from '@metrology/kit';

/** The TRAINING targets of every seeded plan. */
export const TrainingTargetsSeeder = planTargetsSeeder(['TRAINING']);
