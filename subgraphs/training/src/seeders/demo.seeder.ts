import { addDays, MetrologyField, searchKey, todayInVietnam, toNfc } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { AttendanceMark, AttendanceStatus } from '../modules/attendance/attendance.entity';
import { Course, CourseKind, CourseSession, CourseStatus, CourseTrainer } from '../modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../modules/enrolment/enrolment.entity';
import { Trainee } from '../modules/trainee/trainee.entity';

/**
 * The demo data set of a development start (SEED_DEMO=true), clearly labelled: course codes
 * start with "DEMO-", titles with "[DEMO]", positions say "dữ liệu mẫu", citizen IDs and emails
 * are fictitious. Added once; a later start finds it and changes nothing.
 *
 * - last year: a finished course with 45 participations;
 * - this year: a finished course with 62 trainees (the yearly target of 60 reached), ready for
 *   completion and certificates;
 * - now: a running course taught by the demo trainer, with the demo trainee enrolled and the
 *   latest session still to be marked.
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Hà', 'Lăng'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Quốc', 'Ngọc', 'Hữu', 'Thanh', 'Xuân'];
const GIVEN = [
  'Hải',
  'Bình',
  'Lan',
  'Hùng',
  'Phương',
  'Tuấn',
  'Hằng',
  'Dũng',
  'Yến',
  'Sơn',
  'Trang',
  'Khoa',
  'Linh',
  'Đạt',
  'Nga',
  'Quân',
  'Thảo',
];
/** Fictitious employers (tax codes) for the demo. */
const EMPLOYERS = ['4900100001', '4900100002', '4900100003', '4900100004-001'];

const DEMO_TRAINER = { subject: 'demo-trainer', name: 'Giảng viên Trần Thị Bình (demo)' };

function demoName(index: number): string {
  return `${FAMILY[index % FAMILY.length]} ${MIDDLE[(index * 3) % MIDDLE.length]} ${GIVEN[(index * 7) % GIVEN.length]}`;
}

export class TrainingDemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    if (await em.count(Course, { code: { $like: 'DEMO-%' } })) return;
    await em.transactional(async (tx) => {
      const today = todayInVietnam();
      const year = Number(today.slice(0, 4));
      const trainees = this.trainees(tx, 70);
      const demoTrainee = tx.create(Trainee, {
        fullName: 'Nguyễn Văn Hải',
        searchName: searchKey('Nguyễn Văn Hải'),
        dateOfBirth: '1992-08-15',
        email: 'hai.demo@example.vn',
        phone: null,
        citizenId: '020092000099',
        employerTaxCode: EMPLOYERS[0],
        position: 'Kỹ thuật viên (dữ liệu mẫu)',
        subject: 'demo-trainee',
        createdAt: new Date(),
        version: 1,
      });

      // Last year, finished: 45 participations.
      this.course(tx, {
        code: `DEMO-${year - 1}-01`,
        title: '[DEMO] Bồi dưỡng nghiệp vụ hiệu chuẩn phương tiện đo áp suất',
        kind: CourseKind.CALIBRATION,
        field: MetrologyField.PRESSURE,
        start: `${year - 1}-10-06`,
        sessions: 3,
        trainees: trainees.slice(0, 45),
        today,
      });
      // This year, finished: 62 trainees, the yearly target reached.
      const finishedStart = addDays(today, -60) < `${year}-01-05` ? `${year}-01-05` : addDays(today, -60);
      this.course(tx, {
        code: `DEMO-${year}-01`,
        title: '[DEMO] Bồi dưỡng kiểm định viên phương tiện đo khối lượng',
        kind: CourseKind.VERIFIER_TRAINING,
        field: MetrologyField.MASS,
        start: finishedStart,
        sessions: 3,
        trainees: [demoTrainee, ...trainees.slice(0, 61)],
        today,
      });
      // Now, running: the demo trainer's course with a session left to mark.
      this.course(tx, {
        code: `DEMO-${year}-02`,
        title: '[DEMO] Đảm bảo đo lường tại doanh nghiệp',
        kind: CourseKind.MEASUREMENT_ASSURANCE,
        field: MetrologyField.VOLUME,
        start: addDays(today, -6),
        sessions: 5,
        spacing: 3,
        trainees: [demoTrainee, ...trainees.slice(45, 57)],
        today,
        markUntil: addDays(today, -1),
      });
    });
  }

  private trainees(em: EntityManager, count: number): Trainee[] {
    return Array.from({ length: count }, (_, index) => {
      const fullName = toNfc(demoName(index));
      return em.create(Trainee, {
        fullName,
        searchName: searchKey(fullName),
        dateOfBirth: `19${70 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`,
        email: `hoc.vien.${index + 1}.demo@example.vn`,
        phone: null,
        citizenId: `0200${String(index + 1).padStart(8, '0')}`,
        employerTaxCode: EMPLOYERS[index % EMPLOYERS.length],
        position: 'Cán bộ kỹ thuật (dữ liệu mẫu)',
        subject: null,
        createdAt: new Date(),
        version: 1,
      });
    });
  }

  private course(
    em: EntityManager,
    spec: {
      code: string;
      title: string;
      kind: CourseKind;
      field: MetrologyField;
      start: string;
      sessions: number;
      spacing?: number;
      trainees: Trainee[];
      today: string;
      markUntil?: string;
    },
  ): void {
    const spacing = spec.spacing ?? 2;
    const end = addDays(spec.start, spacing * (spec.sessions - 1));
    const course = em.create(Course, {
      code: spec.code,
      title: spec.title,
      kind: spec.kind,
      field: spec.field,
      venue: 'Hội trường Sở Khoa học và Công nghệ, TP. Lạng Sơn',
      startDate: spec.start,
      endDate: end,
      plannedHours: 8 * spec.sessions,
      capacity: 80,
      planCode: '129/KH-UBND',
      planYear: Number(spec.start.slice(0, 4)),
      status: end < spec.today ? CourseStatus.RUNNING : CourseStatus.OPEN,
      minAttendancePercent: 80,
      passingScore: null,
      createdAt: new Date(),
      version: 1,
    });
    em.create(CourseTrainer, { course, ...DEMO_TRAINER });
    const sessions = Array.from({ length: spec.sessions }, (_, index) =>
      em.create(CourseSession, {
        course,
        date: addDays(spec.start, spacing * index),
        startTime: '08:00:00',
        endTime: '11:30:00',
        topic: `Chuyên đề ${index + 1}`,
        version: 1,
      }),
    );
    const markUntil = spec.markUntil ?? spec.today;
    spec.trainees.forEach((trainee, traineeIndex) => {
      const enrolment = em.create(Enrolment, {
        course,
        trainee,
        enrolledOn: spec.start,
        status: EnrolmentStatus.ENROLLED,
        examScore: null,
        version: 1,
      });
      sessions.forEach((session, sessionIndex) => {
        if (session.date > markUntil) return;
        // Mostly present; a few late, excused or absent, so that rates and risks differ.
        const pattern = (traineeIndex * 5 + sessionIndex * 3) % 17;
        const status =
          pattern === 0
            ? AttendanceStatus.ABSENT
            : pattern === 1
              ? AttendanceStatus.LATE
              : pattern === 2
                ? AttendanceStatus.EXCUSED
                : AttendanceStatus.PRESENT;
        em.create(AttendanceMark, {
          enrolment,
          session,
          status,
          note: null,
          recordedBy: DEMO_TRAINER.name,
          recordedAt: new Date(),
          version: 1,
        });
      });
    });
  }
}
