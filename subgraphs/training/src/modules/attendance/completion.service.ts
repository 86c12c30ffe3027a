import { audit, ConflictError, formatVietnameseDate, type Identity, requireId, todayInVietnam } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { courseManagedBy } from '../course/course.access';
import { type Course, CourseStatus } from '../course/course.entity';
import { Enrolment, EnrolmentStatus } from '../enrolment/enrolment.entity';
import { attendanceFacts } from './attendance.loaders';
import { CompletionState, decideCompletion } from './attendance.rules';

export interface CourseCompletionValue {
  course: Course;
  completed: number;
  notCompleted: number;
  withdrawn: number;
}

/**
 * Closes a course once its end date has passed: every enrolment that is not withdrawn becomes
 * COMPLETED or NOT_COMPLETED by the completion rule (SPEC §4), the course becomes COMPLETED, and
 * the decision is audited, in one transaction. Running it again recomputes (after corrected marks
 * or scores) and changes only what the rule now decides differently.
 */
export async function completeCourse(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  today: string = todayInVietnam(),
): Promise<CourseCompletionValue> {
  requireId('courseId', courseId);
  return em.transactional(async (tx) => {
    const course = await courseManagedBy(tx, identity, courseId);
    if (course.status === CourseStatus.CANCELLED) {
      throw new ConflictError('Khóa học đã bị hủy, không thể kết thúc.', 'The course was cancelled; it cannot be completed.');
    }
    if (course.endDate >= today) {
      throw new ConflictError(
        `Khóa học chưa kết thúc (ngày kết thúc ${formatVietnameseDate(course.endDate)}).`,
        `The course has not ended yet (it ends on ${course.endDate}).`,
        { endDate: course.endDate },
      );
    }
    const enrolments = await tx.find(Enrolment, { course: course.id }, { orderBy: { id: 'asc' } });
    const facts = await attendanceFacts(
      tx,
      enrolments.map((enrolment) => enrolment.id),
      today,
    );
    const result: CourseCompletionValue = { course, completed: 0, notCompleted: 0, withdrawn: 0 };
    const changes: { enrolmentId: string; from: EnrolmentStatus; to: EnrolmentStatus }[] = [];
    for (const enrolment of enrolments) {
      if (enrolment.status === EnrolmentStatus.WITHDRAWN) {
        result.withdrawn++;
        continue;
      }
      const row = facts.get(enrolment.id);
      // The aggregate returns a row for every enrolment it is given.
      if (!row) throw new Error(`no attendance facts for enrolment ${enrolment.id}`);
      const eligible = decideCompletion(row, today).state === CompletionState.ELIGIBLE;
      const status = eligible ? EnrolmentStatus.COMPLETED : EnrolmentStatus.NOT_COMPLETED;
      if (eligible) result.completed++;
      else result.notCompleted++;
      if (enrolment.status !== status) {
        changes.push({ enrolmentId: enrolment.id, from: enrolment.status, to: status });
        enrolment.status = status;
      }
    }
    const previousStatus = course.status;
    course.status = CourseStatus.COMPLETED;
    audit(tx, identity, {
      entityType: 'Course',
      entityId: course.id,
      action: 'course.complete',
      changes: {
        status: { from: previousStatus, to: CourseStatus.COMPLETED },
        completed: result.completed,
        notCompleted: result.notCompleted,
        withdrawn: result.withdrawn,
        enrolments: changes,
      },
    });
    await tx.flush();
    return result;
  });
}
