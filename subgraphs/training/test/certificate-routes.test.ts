import { createHash } from 'node:crypto';
import { formatDate } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Course } from '../src/modules/course/course.entity';
import { completedEnrolment, getRoute, type IssuedCertificate, issueAsTrainer, storedCertificate } from './certificate.fixtures';

const TRAINER = identityOf('trainer');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CITIZEN_ID = '001090012345';

describe('certificate HTTP routes: download and public verification', () => {
  let subgraph: TestSubgraph;
  let em: EntityManager;
  const holder = identityOf('trainee', 'holder-download');
  let certificate: IssuedCertificate;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
    const { enrolment } = await completedEnrolment(subgraph.database.orm.em.fork(), {
      trainee: { subject: holder.subject, citizenId: CITIZEN_ID, email: 'hai@example.vn', phone: '0912345678' },
    });
    certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
  });
  afterAll(() => subgraph?.stop());
  beforeEach(() => {
    em = subgraph.database.orm.em.fork();
  });

  describe('GET /certificates/:id.pdf', () => {
    it('serves the holder the stored bytes exactly, as an attachment with ASCII and UTF-8 file names', async () => {
      const response = await getRoute(subgraph, `/certificates/${certificate.id}.pdf`, holder);
      const bytes = Buffer.from(await response.arrayBuffer());

      expect(response.status).toBe(200);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(certificate.sha256);
      expect(bytes.equals((await storedCertificate(subgraph, certificate.id)).pdf)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-length')).toBe(String(bytes.length));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const ascii = `giay-chung-nhan-${certificate.serial}-nguyen-van-hai.pdf`;
      const vietnamese = `giấy-chứng-nhận-${certificate.serial}-nguyễn-văn-hải.pdf`;
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(vietnamese)}`,
      );
    });

    it('serves the trainers of the course and administrators too', async () => {
      const [trainer, admin] = await Promise.all([
        getRoute(subgraph, `/certificates/${certificate.id}.pdf`, TRAINER),
        getRoute(subgraph, `/certificates/${certificate.id}.pdf`, identityOf('admin')),
      ]);

      expect([trainer.status, admin.status]).toEqual([200, 200]);
      expect(
        createHash('sha256')
          .update(Buffer.from(await admin.arrayBuffer()))
          .digest('hex'),
      ).toBe(certificate.sha256);
    });

    it('refuses another trainee and a trainer of another course (403) and an anonymous caller (401), without the bytes', async () => {
      const [otherTrainee, otherTrainer, anonymous] = await Promise.all([
        getRoute(subgraph, `/certificates/${certificate.id}.pdf`, identityOf('trainee', 'someone-else')),
        getRoute(subgraph, `/certificates/${certificate.id}.pdf`, identityOf('trainer', 'another-trainer')),
        getRoute(subgraph, `/certificates/${certificate.id}.pdf`),
      ]);

      expect([otherTrainee.status, otherTrainer.status, anonymous.status]).toEqual([403, 403, 401]);
      expect(otherTrainee.headers.get('content-type')).toContain('application/json');
      expect(((await otherTrainee.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        'FORBIDDEN',
      );
      expect(((await anonymous.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    });

    it('answers 404 for an unknown or malformed id', async () => {
      const [unknown, malformed] = await Promise.all([
        getRoute(subgraph, '/certificates/00000000-0000-4000-8000-000000000000.pdf', identityOf('admin')),
        getRoute(subgraph, '/certificates/LS-DL-2026-00001.pdf', identityOf('admin')),
      ]);

      expect([unknown.status, malformed.status]).toEqual([404, 404]);
    });
  });

  describe('GET /verify/:code', () => {
    it('answers a script with JSON of the five public facts only (and no replacement), without sign-in', async () => {
      const response = await getRoute(subgraph, `/verify/${certificate.verificationCode}`, undefined, 'application/json');
      const body = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(JSON.parse(body)).toEqual({
        status: 'VALID',
        serial: certificate.serial,
        holderName: 'Nguyễn Văn Hải',
        courseTitle: certificate.courseTitle,
        issuedOn: certificate.issuedOn,
        replacement: null,
      });
      for (const secret of ['1990-05-17', '17/05/1990', CITIZEN_ID, 'hai@example.vn', '0912345678', holder.subject ?? '']) {
        expect(body).not.toContain(secret);
      }
    });

    it('answers a browser with a self-contained Vietnamese page: valid, the five facts with dd/mm/yyyy, nothing personal', async () => {
      const response = await getRoute(subgraph, `/verify/${certificate.verificationCode}`, undefined, BROWSER);
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(html).toContain('Giấy chứng nhận hợp lệ');
      expect(html).toContain(certificate.serial);
      expect(html).toContain('Nguyễn Văn Hải');
      expect(html).toContain(certificate.courseTitle);
      expect(html).toContain(formatDate(certificate.issuedOn));
      for (const secret of ['1990-05-17', '17/05/1990', CITIZEN_ID, 'hai@example.vn', '0912345678']) {
        expect(html).not.toContain(secret);
      }
      expect(html).not.toMatch(/<script|<link|<img|src=|href=|url\(/i);
    });

    it('escapes the snapshot in the page', async () => {
      const { enrolment, course } = await completedEnrolment(em);
      await em.nativeUpdate(Course, { id: course.id }, { title: 'Đo lường <script>alert("x")</script> & hiệu chuẩn' });
      const issued = await issueAsTrainer(subgraph, enrolment.id, TRAINER);

      const html = await (await getRoute(subgraph, `/verify/${issued.verificationCode}`, undefined, BROWSER)).text();

      expect(html).not.toContain('<script>');
      expect(html).toContain('Đo lường &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; hiệu chuẩn');
    });

    it('says "Giấy chứng nhận đã bị thu hồi" (page) and REVOKED (JSON) once revoked', async () => {
      const { enrolment } = await completedEnrolment(em);
      const issued = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
      await subgraph.execute(
        {
          query: /* GraphQL */ `mutation($id: ID!) { revokeCertificate(id: $id, reason: "Cấp nhầm khóa học") { id } }`,
          variables: { id: issued.id },
        },
        TRAINER,
      );

      const html = await (await getRoute(subgraph, `/verify/${issued.verificationCode}`, undefined, BROWSER)).text();
      const json = await (await getRoute(subgraph, `/verify/${issued.verificationCode}`)).json();

      expect(html).toContain('Giấy chứng nhận đã bị thu hồi');
      expect(html).not.toContain('Giấy chứng nhận hợp lệ');
      expect(html).not.toContain('Cấp nhầm khóa học');
      expect(json).toEqual({
        status: 'REVOKED',
        serial: issued.serial,
        holderName: issued.holderName,
        courseTitle: issued.courseTitle,
        issuedOn: issued.issuedOn,
        replacement: null,
      });
    });

    it('answers an unknown code with a 404 page for a browser and a NOT_FOUND error for a script', async () => {
      const page = await getRoute(subgraph, `/verify/${'B'.repeat(43)}`, undefined, BROWSER);
      const json = await getRoute(subgraph, `/verify/${'B'.repeat(43)}`, undefined, 'application/json');

      expect(page.status).toBe(404);
      expect(await page.text()).toContain('Không tìm thấy giấy chứng nhận');
      expect(json.status).toBe(404);
      expect(((await json.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('NOT_FOUND');
    });
  });
});
