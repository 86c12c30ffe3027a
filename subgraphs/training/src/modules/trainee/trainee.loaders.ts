import { defineLoader } from '@metrology/kit';
import { Trainee } from './trainee.entity';

export const traineeByIdLoader = defineLoader<string, Trainee | null>({
  name: 'traineeById',
  async batch(em, ids) {
    const trainees = await em.find(Trainee, { id: { $in: [...ids] } });
    const byId = new Map(trainees.map((trainee) => [trainee.id, trainee]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** The trainee record linked to each token subject, if any (SPEC §8: at most one). */
export const traineeBySubjectLoader = defineLoader<string, Trainee | null>({
  name: 'traineeBySubject',
  async batch(em, subjects) {
    const trainees = await em.find(Trainee, { subject: { $in: [...subjects] } });
    const bySubject = new Map(trainees.map((trainee) => [trainee.subject, trainee]));
    return subjects.map((subject) => bySubject.get(subject) ?? null);
  },
});
