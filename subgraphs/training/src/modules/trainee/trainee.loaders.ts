import { defineLoader, isUuid } from '@metrology/kit';
import { Trainee } from './trainee.entity';

/** Trainees by id; null for an unknown or malformed id (which never reaches SQL, so it cannot fail the batch). */
export const traineeByIdLoader = defineLoader<string, Trainee | null>({
  name: 'traineeById',
  async batch(em, ids) {
    const wanted = ids.filter(isUuid);
    const trainees = wanted.length > 0 ? await em.find(Trainee, { id: { $in: wanted } }) : [];
    const byId = new Map(trainees.map((trainee) => [trainee.id, trainee]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** The trainee record linked to each token subject, if any (at most one: docs/RULES.md, "Access and personal data"). */
export const traineeBySubjectLoader = defineLoader<string, Trainee | null>({
  name: 'traineeBySubject',
  async batch(em, subjects) {
    const trainees = await em.find(Trainee, { subject: { $in: [...subjects] } });
    const bySubject = new Map(trainees.map((trainee) => [trainee.subject, trainee]));
    return subjects.map((subject) => bySubject.get(subject) ?? null);
  },
});
