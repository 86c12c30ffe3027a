import { audit, ConflictError, formatDate, type Identity, inTransaction, requireId, todayInVietnam } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Certificate } from '../certificate/certificate.entity';
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
 * COMPLETED or NOT_COMPLETED by the completion rule (docs/RULES.md, "Completion"), the course
 * becomes COMPLETED, and the decision is audited, in one transaction. Running it again recomputes
 * (after a change of the course's minimum rate or passing score: marks and scores are final once
 * COMPLETED) and changes only what the rule now decides differently.
 *
 * A COMPLETED enrolment holding a valid certificate is never turned NOT_COMPLETED: that would
 * leave a valid certificate without a completion behind it. The run is refused instead (CONFLICT
 * naming the serials), so that someone revokes the certificates first, knowingly.
 *
 * Concurrency: the course row is locked exclusively (attendance and score writers share-lock it,
 * so none runs in between), then the enrolments, in id order as bulk issuing takes them; an
 * issuer holds its enrolment's lock while it issues, so the certificates read after these locks
 * are every certificate there is. Two completions of one course run one after the other.
 */
export async function completeCourse(
  em: EntityManager,
  identity: Identity,
  courseId: string,
  today: string = todayInVietnam(),
): Promise<CourseCompletionValue> {
  requireId('courseId', courseId);
  return inTransaction(em, async (tx) => {
    const course = await courseManagedBy(tx, identity, courseId, { lock: true });
    if (course.status === CourseStatus.CANCELLED) {
      throw new ConflictError('Khóa học đã bị hủy, không thể kết thúc.', 'The course was cancelled; it cannot be completed.');
    }
    if (course.endDate >= today) {
      throw new ConflictError(
        `Khóa học chưa kết thúc (ngày kết thúc ${formatDate(course.endDate)}).`,
        `The course has not ended yet (it ends on ${course.endDate}).`,
        { endDate: course.endDate },
      );
    }
    await tx.execute('select id from enrolment where course_id = ? order by id for update', [course.id]);
    const enrolments = await tx.find(Enrolment, { course: course.id }, { orderBy: { id: 'asc' }, refresh: true });
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
    await assertNoCertificateLosesItsCompletion(tx, changes);
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

/** Refuses to take COMPLETED from an enrolment whose certificate is still valid (see completeCourse). */
async function assertNoCertificateLosesItsCompletion(
  tx: EntityManager,
  changes: readonly { enrolmentId: string; from: EnrolmentStatus }[],
): Promise<void> {
  const downgraded = changes.filter((change) => change.from === EnrolmentStatus.COMPLETED).map((change) => change.enrolmentId);
  if (downgraded.length === 0) return;
  const valid = await tx.find(
    Certificate,
    { enrolment: { $in: downgraded }, revokedAt: null },
    { orderBy: { serial: 'asc' }, refresh: true },
  );
  if (valid.length === 0) return;
  const serials = valid.map((certificate) => certificate.serial);
  throw new ConflictError(
    `Không thể chuyển học viên đã được cấp giấy chứng nhận sang "Không hoàn thành": giấy chứng nhận số ${serials.join(', ')} còn hiệu lực. Hãy thu hồi giấy chứng nhận trước nếu việc hoàn thành thực sự thay đổi.`,
    `Enrolments holding a valid certificate cannot become NOT_COMPLETED: certificate(s) ${serials.join(', ')} are still valid. Revoke them first if the completion really changes.`,
    { reason: 'VALID_CERTIFICATE', serials, enrolmentIds: valid.map((certificate) => certificate.enrolment.id) },
  );
}
