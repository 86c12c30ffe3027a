import { type Bilingual, defineAccess, type PersonalFields, type Role, whenFor } from '@metrology/kit';

/**
 * Training's role matrix (docs/ROLES.md is printed from it). Resolvers carry their entry; the
 * conditions are enforced by the services (`course.access.ts`, `trainee.access.ts`,
 * `certificate.access.ts`, `attendance.access.ts`).
 */

const STAFF: readonly Role[] = ['admin', 'trainer'];
const ALL_OTHERS: readonly Role[] = ['trainer', 'trainee', 'assessor', 'finance', 'viewer'];
/** Roles that read every course (a course holds no personal data): see `course.access.ts`. */
export const COURSE_READERS: readonly Role[] = ['admin', 'trainer', 'viewer', 'assessor', 'finance'];

const teaches: Bilingual = { en: 'teaches this course', vi: 'là giảng viên của khóa học' };
const teachesTheirs: Bilingual = {
  en: 'teaches a course the trainee is in (not withdrawn), or is the person',
  vi: 'là giảng viên của khóa học học viên đang theo học, hoặc là chính người đó',
};
const holder: Bilingual = { en: 'is the holder', vi: 'là người được cấp' };
const holderOrTeaches: Bilingual = {
  en: 'is the holder, or teaches the course',
  vi: 'là người được cấp, hoặc giảng viên của khóa học',
};
const isEnrolled: Bilingual = { en: 'is enrolled in the course', vi: 'đang theo học khóa học' };
const isTrainee: Bilingual = { en: 'is the trainee', vi: 'là chính học viên' };
const isPerson: Bilingual = { en: 'is the person', vi: 'là chính người đó' };
const linked: Bilingual = { en: 'has a linked trainee record', vi: 'có hồ sơ học viên gắn với tài khoản' };

/** Writes of a course's trainers: administrators, and trainers of that course only. */
const courseWrite = { roles: STAFF, when: { trainer: teaches } };

/** How the caller stands to a trainee (`relationToTrainee`), deciding the personal fields. */
export type TraineeRelation = 'OWNER' | 'ADMIN' | 'COURSE_TRAINER' | 'TRAINER' | 'NONE';

/** The trainee's personal fields (Decree 13/2023/NĐ-CP): what each relation reads. */
export const PERSONAL = {
  relations: {
    OWNER: { en: 'the person (their sign-in is linked to the record)', vi: 'chính người đó' },
    ADMIN: { en: 'an administrator', vi: 'quản trị viên' },
    COURSE_TRAINER: {
      en: 'a trainer of a course the person is in and has not withdrawn from',
      vi: 'giảng viên của khóa học người đó đang theo học',
    },
    TRAINER: { en: 'any other trainer (who finds people to enrol)', vi: 'giảng viên khác' },
    NONE: { en: 'everyone else: trainees, assessors, finance officers, viewers', vi: 'mọi người khác' },
  },
  records: {
    en: 'The record itself (`trainee(id)`, references from other subgraphs) is read by OWNER, ADMIN and COURSE_TRAINER; other trainers find people through `trainees`; everyone else reads no trainee record. Null below means the field reads null wherever the record is reached.',
    vi: 'Hồ sơ học viên chỉ được đọc bởi chính người đó, quản trị viên và giảng viên khóa học của họ; giảng viên khác tìm qua danh sách; người khác không đọc được hồ sơ.',
  },
  fields: {
    'Trainee.citizenId': {
      sees: { OWNER: 'full', ADMIN: 'full', COURSE_TRAINER: 'masked', TRAINER: 'masked', NONE: 'hidden' },
    },
    'Trainee.dateOfBirth': {
      sees: { OWNER: 'full', ADMIN: 'full', COURSE_TRAINER: 'full', TRAINER: 'hidden', NONE: 'hidden' },
    },
    'Trainee.email': {
      sees: { OWNER: 'full', ADMIN: 'full', COURSE_TRAINER: 'full', TRAINER: 'hidden', NONE: 'hidden' },
    },
    'Trainee.phone': {
      sees: { OWNER: 'full', ADMIN: 'full', COURSE_TRAINER: 'full', TRAINER: 'hidden', NONE: 'hidden' },
    },
  },
} as const satisfies PersonalFields<TraineeRelation>;

export const ACCESS = defineAccess('training', {
  Query: {
    absentees: courseWrite,
    attendanceHistory: courseWrite,
    certificate: {
      roles: 'signed-in',
      when: { ...whenFor(ALL_OTHERS, holder), trainer: holderOrTeaches },
    },
    course: { roles: 'signed-in', when: { trainee: isEnrolled } },
    courseRoster: courseWrite,
    courses: { roles: COURSE_READERS },
    enrolmentAttendance: {
      roles: 'signed-in',
      when: {
        ...whenFor(ALL_OTHERS, isTrainee),
        trainer: { en: 'is the trainee, or teaches the course', vi: 'là chính học viên, hoặc giảng viên của khóa học' },
      },
    },
    myAttendance: { roles: 'signed-in', when: whenFor(['admin', ...ALL_OTHERS], linked) },
    myCertificates: { roles: 'signed-in' },
    myCourses: { roles: ['trainer'] },
    myEnrolments: { roles: 'signed-in' },
    myTrainee: { roles: 'signed-in' },
    sessionSheet: courseWrite,
    trainee: { roles: 'signed-in', when: { ...whenFor(ALL_OTHERS, isPerson), trainer: teachesTheirs } },
    trainees: { roles: STAFF },
    traineesAtRisk: courseWrite,
    verifyCertificate: { roles: 'public' },
  },
  Mutation: {
    addCourseTrainer: { roles: ['admin'] },
    addSession: courseWrite,
    completeCourse: courseWrite,
    correctAttendanceMark: courseWrite,
    createCourse: { roles: STAFF },
    enrol: courseWrite,
    importAttendanceCsv: courseWrite,
    issueCertificate: courseWrite,
    issueCertificates: courseWrite,
    linkTraineeAccount: { roles: ['admin'] },
    recordAttendanceSheet: courseWrite,
    registerTrainee: { roles: STAFF },
    reissueCertificate: courseWrite,
    removeCourseTrainer: { roles: ['admin'] },
    removeSession: courseWrite,
    revokeCertificate: courseWrite,
    setCourseStatus: courseWrite,
    setExamScore: courseWrite,
    updateCourse: courseWrite,
    updateSession: courseWrite,
    withdrawEnrolment: courseWrite,
    updateTrainee: {
      roles: 'signed-in',
      when: {
        ...whenFor(ALL_OTHERS, {
          en: 'is the person: contact details only (email, phone, position, employer)',
          vi: 'là chính người đó: chỉ thông tin liên hệ (email, điện thoại, chức vụ, đơn vị)',
        }),
        trainer: {
          en: 'is the person or teaches a course they are in: contact details only',
          vi: 'là chính người đó hoặc giảng viên của khóa học họ theo học: chỉ thông tin liên hệ',
        },
      },
    },
  },
  personal: PERSONAL,
  fourEyes: [
    {
      field: 'Mutation.issueCertificates',
      enforced: false,
      rule: {
        en: 'certificates issued by someone other than who recorded the attendance',
        vi: 'người cấp chứng chỉ khác người điểm danh',
      },
      why: 'The plan gives both jobs to the trainer of the course (docs/RULES.md, "Roles"), and many courses have one trainer. Completion is computed from the marks, every mark change has its history (who, when, from, to), and a certificate can be revoked.',
    },
    {
      field: 'Mutation.revokeCertificate',
      enforced: false,
      rule: { en: 'revoked by someone other than who issued it', vi: 'người thu hồi khác người cấp' },
      why: 'Revoking protects the public (verification shows it at once) and needs a reason of 5 to 500 characters, kept with who revoked it; delaying it for a second person would leave a wrong certificate valid.',
    },
  ],
});
