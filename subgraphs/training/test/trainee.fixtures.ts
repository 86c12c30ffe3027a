import type { EntityManager } from '@mikro-orm/postgresql';
import type { Trainee } from '../src/modules/trainee/trainee.entity';
import { createCourse, createTrainee, enrol } from './fixtures';

/** Unique 12-digit citizen IDs within a test database. */
let citizenSeq = 0;
export const nextCitizenId = () => `0010${String(Date.now() % 1e5).padStart(5, '0')}${String(citizenSeq++).padStart(3, '0')}`;

/** A trainee enrolled in a course taught by `test-trainer`, with every personal field and a linked sign-in. */
export async function enrolledTrainee(em: () => EntityManager, subject: string): Promise<Trainee> {
  const trainee = await createTrainee(em(), {
    fullName: 'Hoàng Thu Phương',
    citizenId: nextCitizenId(),
    email: `${subject}@example.vn`,
    phone: '0912345678',
    dateOfBirth: '1988-11-02',
    subject,
  });
  const course = await createCourse(em());
  await enrol(em(), course, trainee);
  return trainee;
}
