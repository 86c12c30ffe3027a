/**
 * Arrange helpers for indicator tests: many participants at once, written in one flush so that a
 * roster of sixty takes one round trip.
 */
import { searchKey, toNfc } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceMark, AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import type { Course, CourseSession } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { vietnameseNames } from './fixtures';

/** `count` new trainees enrolled in `course`, each marked `status` at `session`. */
export async function rosterAttending(
  em: EntityManager,
  course: Course,
  session: CourseSession,
  count: number,
  status: AttendanceStatus = AttendanceStatus.PRESENT,
  employerTaxCode: string | null = null,
): Promise<Enrolment[]> {
  const enrolments = vietnameseNames(count).map((name) => {
    const fullName = toNfc(name);
    const trainee = em.create(Trainee, {
      fullName,
      searchName: searchKey(fullName),
      dateOfBirth: null,
      email: null,
      phone: null,
      citizenId: null,
      employerTaxCode,
      position: null,
      subject: null,
      createdAt: new Date(),
      version: 1,
    });
    const enrolment = em.create(Enrolment, {
      course,
      trainee,
      enrolledOn: course.startDate,
      status: EnrolmentStatus.ENROLLED,
      examScore: null,
      version: 1,
    });
    em.create(AttendanceMark, {
      enrolment,
      session,
      status,
      note: null,
      recordedBy: 'fixture',
      recordedAt: new Date(),
      version: 1,
    });
    return enrolment;
  });
  await em.flush();
  return enrolments;
}
