import { randomUUID } from 'node:crypto';
import { todayInVietnam, yearOf } from '@metrology/kit';
import { type GraphQLResponse, identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Certificate, CertificateSerialCounter } from '../src/modules/certificate/certificate.entity';
import type { Enrolment } from '../src/modules/enrolment/enrolment.entity';
import { completedEnrolment, ISSUE, type IssuedCertificate, issueAsTrainer } from './certificate.fixtures';
import { createCourse, vietnameseNames } from './fixtures';

const TRAINER = identityOf('trainer');
const YEAR = yearOf(todayInVietnam());

/** A fresh database: the serials of the year start at 1 here, and the tests run in order. */
describe('certificates issued concurrently', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('numbers 20 certificates issued at once 1..20 for the year: no duplicate, no gap', async () => {
    const em = subgraph.database.orm.em.fork();
    const course = await createCourse(em);
    const enrolments: Enrolment[] = [];
    for (const fullName of vietnameseNames(20))
      enrolments.push((await completedEnrolment(em, { course, trainee: { fullName } })).enrolment);

    const results = await Promise.all(
      enrolments.map((enrolment) =>
        subgraph.execute<{ issueCertificate: IssuedCertificate }>(
          { query: ISSUE, variables: { enrolmentId: enrolment.id } },
          TRAINER,
        ),
      ),
    );

    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const numbers = results.map((result) => Number(result.data?.issueCertificate.serial.slice(-5))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(results.map((result) => result.data?.issueCertificate.verificationCode)).size).toBe(20);
    const fresh = subgraph.database.orm.em.fork();
    expect(await fresh.count(Certificate, { year: YEAR })).toBe(20);
    expect((await fresh.findOneOrFail(CertificateSerialCounter, { year: YEAR })).last).toBe(20);
  });

  it('issues the same enrolment requested 5 times at once exactly once, and the next serial follows without a gap', async () => {
    const em = subgraph.database.orm.em.fork();
    const { enrolment } = await completedEnrolment(em);

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        subgraph.execute<{ issueCertificate: IssuedCertificate }>(
          { query: ISSUE, variables: { enrolmentId: enrolment.id } },
          TRAINER,
        ),
      ),
    );
    const next = await issueAsTrainer(subgraph, (await completedEnrolment(em)).enrolment.id, TRAINER);

    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(new Set(results.map((result) => result.data?.issueCertificate.id)).size).toBe(1);
    expect(results[0].data?.issueCertificate.serial).toBe(`LS-DL-${YEAR}-00021`);
    expect(await subgraph.database.orm.em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(1);
    expect(next.serial).toBe(`LS-DL-${YEAR}-00022`);
  });

  it('answers with the certificate of a rival writer that the partial unique index kept from being doubled, and gives its serial number back', async () => {
    const { enrolment } = await completedEnrolment(subgraph.database.orm.em.fork());
    const counter = async () =>
      (await subgraph.database.orm.em.fork().findOneOrFail(CertificateSerialCounter, { year: YEAR })).last;
    const before = await counter();
    const rivalId = randomUUID();
    let issuing: Promise<GraphQLResponse<{ issueCertificate: IssuedCertificate }>> | undefined;

    // The rival inserts without locking the enrolment and commits only once the issuer waits on
    // its row in the unique index: the issuer then meets the violation, not the row.
    await subgraph.database.orm.em.fork().transactional(async (rival) => {
      await rival.execute(
        'insert into certificate (id, enrolment_id, serial, year, sequence, verification_code, holder_name, course_title, ' +
          'course_code, course_hours, course_start_date, course_end_date, issuer_name, signer_name, signer_title, issued_on, ' +
          "issued_at, pdf, sha256) values (?, ?, 'RIVAL-1999-00001', 1999, 1, ?, 'Nguyễn Văn Hải', 'Khóa bồi dưỡng', 'K-1', 40, " +
          "'2026-01-05', '2026-01-09', 'Sở', 'Người ký', 'Giám đốc', '2026-01-10', now(), ?, repeat('0', 64))",
        [rivalId, enrolment.id, 'R'.repeat(43), Buffer.from('%PDF-')],
      );
      issuing = subgraph.execute({ query: ISSUE, variables: { enrolmentId: enrolment.id } }, TRAINER);
      await untilSomeoneWaitsOnALock();
    });
    const result = await issuing;

    expect(result?.errors).toBeUndefined();
    expect(result?.data?.issueCertificate).toMatchObject({ id: rivalId, serial: 'RIVAL-1999-00001' });
    expect(await counter()).toBe(before);
    expect(await subgraph.database.orm.em.fork().count(Certificate, { enrolment: enrolment.id })).toBe(1);
  });

  async function untilSomeoneWaitsOnALock(): Promise<void> {
    const probe = subgraph.database.orm.em.fork();
    for (let attempt = 0; attempt < 400; attempt++) {
      const [row] = await probe.execute<{ waiting: number }[]>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (row.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the issuer never waited on the rival row');
  }
});
