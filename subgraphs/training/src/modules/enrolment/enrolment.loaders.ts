import { defineLoader, groupByKeys } from '@metrology/kit';
import { Enrolment } from './enrolment.entity';

/** Every enrolment of each trainee (whatever its status), earliest first. */
export const enrolmentsByTraineeLoader = defineLoader<string, Enrolment[]>({
  name: 'enrolmentsByTrainee',
  async batch(em, traineeIds) {
    const rows = await em.find(Enrolment, { trainee: { $in: [...traineeIds] } }, { orderBy: { enrolledOn: 'asc', id: 'asc' } });
    return groupByKeys(traineeIds, rows, (row) => row.trainee.id);
  },
});

/** Every enrolment of each course (whatever its status), earliest first. */
export const enrolmentsByCourseLoader = defineLoader<string, Enrolment[]>({
  name: 'enrolmentsByCourse',
  async batch(em, courseIds) {
    const rows = await em.find(Enrolment, { course: { $in: [...courseIds] } }, { orderBy: { enrolledOn: 'asc', id: 'asc' } });
    return groupByKeys(courseIds, rows, (row) => row.course.id);
  },
});
