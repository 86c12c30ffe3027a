import { hasAnyRole, type Identity, type Loaders, reveal } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PERSONAL, type TraineeRelation } from '../../access';
import { CourseTrainer } from '../course/course.entity';
import { taughtCourseIdsLoader } from '../course/course.loaders';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { enrolmentsByTraineeLoader } from '../enrolment/enrolment.loaders';
import type { Trainee } from './trainee.entity';
import { maskCitizenId } from './trainee.rules';

/**
 * How the caller stands to a trainee, which decides what of their personal data they see
 * (Decree 13/2023/NĐ-CP, docs/RULES.md, "Access and personal data"; the table is `PERSONAL` in
 * `src/access.ts`, docs/ROLES.md):
 * - OWNER: the person themself (their token subject is linked to the record);
 * - ADMIN: an administrator;
 * - COURSE_TRAINER: a trainer of a course the trainee is in and has not withdrawn from (a withdrawn
 *   enrolment is history: enrolling someone and withdrawing them must not open their record);
 * - TRAINER: any other trainer (who finds people to enrol);
 * - NONE: everyone else.
 */
export type { TraineeRelation };

/** The relation, through the request's loaders (field resolvers: constant statements per list). */
export async function relationToTrainee(loaders: Loaders, identity: Identity, trainee: Trainee): Promise<TraineeRelation> {
  if (!identity.subject) return 'NONE';
  if (trainee.subject !== null && trainee.subject === identity.subject) return 'OWNER';
  if (hasAnyRole(identity, ['admin'])) return 'ADMIN';
  if (!identity.roles.includes('trainer')) return 'NONE';
  const [enrolments, taught] = await Promise.all([
    loaders.get(enrolmentsByTraineeLoader).load(trainee.id),
    loaders.get(taughtCourseIdsLoader).load(identity.subject),
  ]);
  const shared = enrolments.some(
    (enrolment) => enrolment.status !== EnrolmentStatus.WITHDRAWN && taught.has(enrolment.course.id),
  );
  return shared ? 'COURSE_TRAINER' : 'TRAINER';
}

/** The same relation read with `em` (inside a mutation's transaction, where loaders may not be used). */
export async function relationToTraineeIn(em: EntityManager, identity: Identity, trainee: Trainee): Promise<TraineeRelation> {
  if (!identity.subject) return 'NONE';
  if (trainee.subject !== null && trainee.subject === identity.subject) return 'OWNER';
  if (hasAnyRole(identity, ['admin'])) return 'ADMIN';
  if (!identity.roles.includes('trainer')) return 'NONE';
  const taught = await em.find(CourseTrainer, { subject: identity.subject });
  if (taught.length === 0) return 'TRAINER';
  const shared = await em.count(Enrolment, {
    trainee,
    course: { $in: taught.map((trainer) => trainer.course.id) },
    status: { $ne: EnrolmentStatus.WITHDRAWN },
  });
  return shared > 0 ? 'COURSE_TRAINER' : 'TRAINER';
}

/** Whether the relation may read the trainee record and their birth date, email and phone. */
export function seesContactDetails(relation: TraineeRelation): boolean {
  return relation === 'OWNER' || relation === 'ADMIN' || relation === 'COURSE_TRAINER';
}

/** A personal field as the relation may see it: whole, masked, or null (the matrix's `PERSONAL`). */
export function personalValue(
  field: keyof typeof PERSONAL.fields,
  relation: TraineeRelation,
  value: string | null,
): string | null {
  return reveal(PERSONAL.fields[field], relation, value, maskCitizenId);
}

/** The citizen ID as the relation may see it: whole, masked, or not at all. */
export function citizenIdFor(relation: TraineeRelation, citizenId: string | null): string | null {
  return personalValue('Trainee.citizenId', relation, citizenId);
}
