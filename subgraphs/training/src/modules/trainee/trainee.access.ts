import { hasAnyRole, type Identity, type Loaders } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CourseTrainer } from '../course/course.entity';
import { taughtCourseIdsLoader } from '../course/course.loaders';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { enrolmentsByTraineeLoader } from '../enrolment/enrolment.loaders';
import type { Trainee } from './trainee.entity';
import { maskCitizenId } from './trainee.rules';

/**
 * How the caller stands to a trainee, which decides what of their personal data they see
 * (Decree 13/2023/NĐ-CP, SPEC §8):
 * - OWNER: the person themself (their token subject is linked to the record);
 * - ADMIN: an administrator;
 * - COURSE_TRAINER: a trainer of a course the trainee is in and has not withdrawn from (a withdrawn
 *   enrolment is history: enrolling someone and withdrawing them must not open their record);
 * - TRAINER: any other trainer (who finds people to enrol);
 * - NONE: everyone else.
 */
export type TraineeRelation = 'OWNER' | 'ADMIN' | 'COURSE_TRAINER' | 'TRAINER' | 'NONE';

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

/** The citizen ID as the relation may see it: whole, masked, or not at all. */
export function citizenIdFor(relation: TraineeRelation, citizenId: string | null): string | null {
  if (citizenId === null) return null;
  if (relation === 'OWNER' || relation === 'ADMIN') return citizenId;
  if (relation === 'COURSE_TRAINER' || relation === 'TRAINER') return maskCitizenId(citizenId);
  return null;
}
