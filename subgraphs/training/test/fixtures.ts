/**
 * Arrange helpers for training tests: records written straight through the ORM (the mutations
 * under test are exercised through GraphQL). Each returns the persisted entity.
 */
import { addDays, MetrologyField, searchKey, todayInVietnam, toNfc } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AttendanceMark, type AttendanceStatus } from '../src/modules/attendance/attendance.entity';
import { Course, CourseKind, CourseSession, CourseStatus, CourseTrainer } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const today = () => todayInVietnam();

export async function createCourse(
  em: EntityManager,
  overrides: Partial<Course> & { trainers?: { subject: string; name: string }[] } = {},
): Promise<Course> {
  const { trainers = [{ subject: 'test-trainer', name: 'Test trainer' }], ...fields } = overrides;
  const start = fields.startDate ?? addDays(today(), -10);
  const course = em.create(Course, {
    code: `T-${unique()}`.slice(0, 32),
    title: 'Bồi dưỡng kiểm định viên đo lường khối lượng',
    kind: CourseKind.VERIFIER_TRAINING,
    field: MetrologyField.MASS,
    venue: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
    startDate: start,
    endDate: fields.endDate ?? addDays(start, 20),
    plannedHours: 40,
    capacity: 80,
    planCode: '129/KH-UBND',
    planYear: Number(start.slice(0, 4)),
    status: CourseStatus.RUNNING,
    minAttendancePercent: 80,
    passingScore: null,
    createdAt: new Date(),
    version: 1,
    ...fields,
  });
  for (const trainer of trainers) em.create(CourseTrainer, { course, ...trainer });
  await em.flush();
  return course;
}

export async function addSessions(em: EntityManager, course: Course, dates: string[]): Promise<CourseSession[]> {
  const sessions = dates.map((date, index) =>
    em.create(CourseSession, {
      course,
      date,
      startTime: '08:00:00',
      endTime: '11:30:00',
      topic: `Buổi ${index + 1}`,
      version: 1,
    }),
  );
  await em.flush();
  return sessions;
}

export async function createTrainee(em: EntityManager, overrides: Partial<Trainee> = {}): Promise<Trainee> {
  const fullName = toNfc(overrides.fullName ?? 'Nguyễn Văn Hải');
  const trainee = em.create(Trainee, {
    dateOfBirth: '1990-05-17',
    email: null,
    phone: null,
    citizenId: null,
    employerTaxCode: null,
    position: null,
    subject: null,
    createdAt: new Date(),
    version: 1,
    ...overrides,
    fullName,
    searchName: searchKey(fullName),
  });
  await em.flush();
  return trainee;
}

export async function enrol(
  em: EntityManager,
  course: Course,
  trainee: Trainee,
  overrides: Partial<Enrolment> = {},
): Promise<Enrolment> {
  const enrolment = em.create(Enrolment, {
    course,
    trainee,
    enrolledOn: course.startDate,
    status: EnrolmentStatus.ENROLLED,
    examScore: null,
    version: 1,
    ...overrides,
  });
  await em.flush();
  return enrolment;
}

export async function mark(
  em: EntityManager,
  enrolment: Enrolment,
  session: CourseSession,
  status: AttendanceStatus,
): Promise<AttendanceMark> {
  const row = em.create(AttendanceMark, {
    enrolment,
    session,
    status,
    note: null,
    recordedBy: 'fixture',
    recordedAt: new Date(),
    version: 1,
  });
  await em.flush();
  return row;
}

/** Vietnamese full names for rosters: family, middle and given names combined. */
export function vietnameseNames(count: number): string[] {
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
  const middle = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Hữu'];
  const given = ['Hải', 'Bình', 'Lan', 'Hùng', 'Phương', 'Tuấn', 'Hằng', 'Dũng', 'Yến', 'Sơn', 'Trang', 'Khoa', 'Linh', 'Đạt'];
  return Array.from(
    { length: count },
    (_, i) => `${family[i % family.length]} ${middle[(i * 7) % middle.length]} ${given[(i * 5) % given.length]} ${i + 1}`,
  );
}
