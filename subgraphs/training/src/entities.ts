import { AuditEvent, DataRevision, PlanTarget } from '@metrology/kit';
import { AttendanceChange, AttendanceMark } from './modules/attendance/attendance.entity';
import { Certificate, CertificateSerialCounter } from './modules/certificate/certificate.entity';
import { Course, CourseSession, CourseTrainer } from './modules/course/course.entity';
import { Enrolment } from './modules/enrolment/enrolment.entity';
import { Trainee } from './modules/trainee/trainee.entity';

/** Every entity of the training database. */
export const entities = [
  PlanTarget,
  AuditEvent,
  Course,
  CourseTrainer,
  CourseSession,
  Trainee,
  Enrolment,
  AttendanceMark,
  AttendanceChange,
  Certificate,
  CertificateSerialCounter,
  DataRevision,
];
