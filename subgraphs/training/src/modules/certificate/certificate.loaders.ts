import { defineLoader, groupByKeys, isUuid } from '@metrology/kit';
import { CourseTrainer } from '../course/course.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { Certificate } from './certificate.entity';

/** Certificates by id; null for an unknown id. */
export const certificateByIdLoader = defineLoader<string, Certificate | null>({
  name: 'certificateById',
  async batch(em, ids) {
    const wanted = ids.filter(isUuid);
    const rows = wanted.length > 0 ? await em.find(Certificate, { id: { $in: wanted } }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  },
});

/** Certificates by serial; null for an unknown serial. */
export const certificateBySerialLoader = defineLoader<string, Certificate | null>({
  name: 'certificateBySerial',
  async batch(em, serials) {
    const rows = await em.find(Certificate, { serial: { $in: [...serials] } });
    const bySerial = new Map(rows.map((row) => [row.serial, row]));
    return serials.map((serial) => bySerial.get(serial) ?? null);
  },
});

/** The valid (not revoked) certificate of each enrolment, or null. */
export const validCertificateByEnrolmentLoader = defineLoader<string, Certificate | null>({
  name: 'validCertificateByEnrolment',
  async batch(em, enrolmentIds) {
    const rows = await em.find(Certificate, { enrolment: { $in: [...enrolmentIds] }, revokedAt: null });
    const byEnrolment = new Map(rows.map((row) => [row.enrolment.id, row]));
    return enrolmentIds.map((id) => byEnrolment.get(id) ?? null);
  },
});

/** Who may see an enrolment's certificates: its trainee (holder) and the course's trainers. */
export interface CertificateAudience {
  enrolment: Enrolment;
  holderSubject: string | null;
  trainerSubjects: string[];
}

/** The audience of each enrolment (two statements per batch, whatever the number of enrolments). */
export const certificateAudienceLoader = defineLoader<string, CertificateAudience>({
  name: 'certificateAudience',
  async batch(em, enrolmentIds) {
    const enrolments = await em.find(Enrolment, { id: { $in: [...enrolmentIds] } }, { populate: ['trainee'] });
    const courseIds = [...new Set(enrolments.map((enrolment) => enrolment.course.id))];
    const trainers = courseIds.length > 0 ? await em.find(CourseTrainer, { course: { $in: courseIds } }) : [];
    const trainersByCourse = groupByKeys(courseIds, trainers, (trainer) => trainer.course.id);
    const subjectsByCourse = new Map(courseIds.map((id, index) => [id, trainersByCourse[index].map((t) => t.subject)]));
    const byId = new Map(enrolments.map((enrolment) => [enrolment.id, enrolment]));
    return enrolmentIds.map((id) => {
      const enrolment = byId.get(id);
      if (!enrolment) return new Error(`enrolment ${id} of a certificate is missing`);
      return {
        enrolment,
        holderSubject: enrolment.trainee.subject,
        trainerSubjects: subjectsByCourse.get(enrolment.course.id) ?? [],
      };
    });
  },
});
