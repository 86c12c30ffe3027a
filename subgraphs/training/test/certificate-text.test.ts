/**
 * The text layer of certificates in a long-running process: a certificate is a legal document,
 * so what a PDF text extractor reads from it (copy and paste, search, screen readers) must be
 * exactly what is printed, however many certificates the same process rendered before.
 */
import { searchKey } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { type CertificatePdfContent, renderCertificatePdf } from '../src/modules/certificate/certificate.pdf';
import type { Course } from '../src/modules/course/course.entity';
import { Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { completedEnrolment, issueAsTrainer, pdfText, storedCertificate } from './certificate.fixtures';
import { createCourse, vietnameseNames } from './fixtures';

const TRAINER = identityOf('trainer');

/** The twelve Vietnamese vowels and the six tones (none, grave, acute, hook above, tilde, dot below). */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

/** The six toned forms of a vowel, precomposed (NFC), as names are stored. */
const toned = (vowel: string): string[] => TONES.map((tone) => `${vowel}${tone}`.normalize('NFC'));

/**
 * Every Vietnamese letter in a name of at most 200 characters: "Đđ", then for each vowel a word of
 * its six capitals and a word of its six small letters ("ƯỪỨỬỮỰ ưừứửữự").
 */
const EVERY_LETTER_NAME = [
  'Đđ',
  ...VOWELS.flatMap((vowel) => [toned(vowel.toLocaleUpperCase('vi')).join(''), toned(vowel).join('')]),
].join(' ');

/** Every Vietnamese letter again, after consonants, in a valid course title of 431 characters ("ĐA đa BÀ bà ... MỰ mự"). */
const EVERY_LETTER_TITLE = VOWELS.flatMap((vowel, v) =>
  toned(vowel).flatMap((letter, t) => {
    const consonant = ['đ', 'b', 'n', 't', 'h', 'm', 'l', 'v'][(v + t) % 8];
    return [`${consonant.toLocaleUpperCase('vi')}${letter.toLocaleUpperCase('vi')}`, `${consonant}${letter}`];
  }),
).join(' ');

/** The page's text as one line: the extractor's items joined, runs of white space made one space. */
async function flatText(pdf: Uint8Array): Promise<string> {
  const { pages } = await pdfText(pdf);
  expect(pages).toHaveLength(1);
  return pages[0].replace(/\s+/g, ' ');
}

/** Completed enrolments of `names.length` trainees in one course, written in one flush. */
async function roster(em: EntityManager, course: Course, names: string[]): Promise<void> {
  for (const fullName of names) {
    const trainee = em.create(Trainee, {
      fullName,
      searchName: searchKey(fullName),
      dateOfBirth: '1990-05-17',
      email: null,
      phone: null,
      citizenId: null,
      employerTaxCode: null,
      position: null,
      subject: null,
      createdAt: new Date(),
      version: 1,
    });
    em.create(Enrolment, {
      course,
      trainee,
      enrolledOn: course.startDate,
      status: EnrolmentStatus.COMPLETED,
      examScore: null,
      version: 1,
    });
  }
  await em.flush();
}

const BULK = /* GraphQL */ `
  mutation($courseId: ID!) { issueCertificates(courseId: $courseId) { issued { id } skipped { code } } }
`;

/** Certificate content for a direct rendering, with the given text in its bold and regular fields. */
function content(
  serial: string,
  bold: { holderName: string; courseTitle: string },
  regularCourseCode: string,
): CertificatePdfContent {
  return {
    serial,
    verificationCode: `${serial}-x_0123456789abcdefghijklmnopqrstuvwxyzABCDEF`,
    verificationUrl: `https://metrology.example/verify/${serial}`,
    ...bold,
    holderDateOfBirth: '1990-05-17',
    courseCode: regularCourseCode,
    courseHours: 40,
    courseStartDate: '2026-11-02',
    courseEndDate: '2026-11-20',
    issuerName: 'Sở Khoa học và Công nghệ tỉnh Lạng Sơn',
    signerName: 'Nguyễn Văn A (mẫu)',
    signerTitle: 'Giám đốc',
    issuedOn: '2026-11-27',
    issuedAt: new Date('2026-11-27T03:00:00Z'),
  };
}

const ORDINARY = { holderName: 'Trần Thị Thu Hằng', courseTitle: 'Hiệu chuẩn áp kế lò xo' };

describe('certificate text layer after 500 certificates in the same process', () => {
  let subgraph: TestSubgraph;
  let primed = 0;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
    // 500 certificates with other names and titles, issued in bulk through GraphQL, before any
    // certificate under test is rendered in this process.
    const titles = [
      'Bồi dưỡng kiểm định viên đo lường khối lượng',
      'Đo lường điện: công tơ và biến dòng đo lường',
      'Hiệu chuẩn áp kế lò xo và áp kế điện tử',
      'Quản lý phương tiện đo nhóm 2 tại doanh nghiệp',
      'Ước lượng độ không đảm bảo đo trong phòng thử nghiệm',
    ];
    const names = vietnameseNames(500);
    for (const [index, title] of titles.entries()) {
      const em = subgraph.database.orm.em.fork();
      const course = await createCourse(em, { title, capacity: 200 });
      await roster(em, course, names.slice(index * 100, (index + 1) * 100));
      const result = await subgraph.execute<{ issueCertificates: { issued: unknown[] } }>(
        { query: BULK, variables: { courseId: course.id } },
        TRAINER,
      );
      primed += result.data?.issueCertificates.issued.length ?? 0;
    }
  });
  afterAll(() => subgraph?.stop());

  it('a certificate issued after them extracts its holder name and course title (every Vietnamese letter, every tone, capitals and small) and its verification code exactly', async () => {
    expect(primed).toBe(500);
    expect(EVERY_LETTER_NAME.length).toBeLessThanOrEqual(200);
    expect(EVERY_LETTER_TITLE.length).toBeLessThanOrEqual(500);
    const em = subgraph.database.orm.em.fork();
    const course = await createCourse(em, { title: EVERY_LETTER_TITLE });
    const { enrolment } = await completedEnrolment(em, { course, trainee: { fullName: EVERY_LETTER_NAME } });

    const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
    const text = await flatText((await storedCertificate(subgraph, certificate.id)).pdf);

    expect(certificate.holderName).toBe(EVERY_LETTER_NAME);
    expect(text).toContain(`Chứng nhận Ông/Bà ${EVERY_LETTER_NAME} Ngày sinh: 17/05/1990`);
    expect(text).toContain(`Đã hoàn thành khóa bồi dưỡng ${EVERY_LETTER_TITLE} Mã khóa học: ${certificate.courseCode}`);
    expect(text).toContain(`Mã xác thực: ${certificate.verificationCode} Tra cứu tại:`);
    expect(text).toContain(`Số hiệu: ${certificate.serial}`);
  });

  describe.each([
    { order: 'regular first, then bold', regularFirst: true },
    { order: 'bold first, then regular', regularFirst: false },
  ])('every Vietnamese letter in the regular and the bold font, $order', ({ regularFirst }) => {
    it('extracts exactly from each of two certificates rendered one after the other', async () => {
      const everyLetter = { holderName: EVERY_LETTER_NAME, courseTitle: EVERY_LETTER_TITLE };
      // The renderer prints the holder name and course title in bold, the course code in regular.
      const regular = content('R-0001', ORDINARY, EVERY_LETTER_TITLE);
      const bold = content('B-0001', everyLetter, 'BD-01');
      const [first, second] = regularFirst ? [regular, bold] : [bold, regular];
      const firstText = await flatText(await renderCertificatePdf(first));
      const secondText = await flatText(await renderCertificatePdf(second));
      const [regularText, boldText] = regularFirst ? [firstText, secondText] : [secondText, firstText];

      expect(regularText).toContain(`Mã khóa học: ${EVERY_LETTER_TITLE} Thời gian:`);
      expect(regularText).toContain(`Chứng nhận Ông/Bà ${ORDINARY.holderName} Ngày sinh:`);
      expect(regularText).toContain(`Mã xác thực: ${regular.verificationCode} Tra cứu tại: ${regular.verificationUrl}`);
      expect(boldText).toContain(`Chứng nhận Ông/Bà ${EVERY_LETTER_NAME} Ngày sinh:`);
      expect(boldText).toContain(`Đã hoàn thành khóa bồi dưỡng ${EVERY_LETTER_TITLE} Mã khóa học: BD-01`);
      expect(boldText).toContain(`Mã xác thực: ${bold.verificationCode} Tra cứu tại: ${bold.verificationUrl}`);
    });
  });
});
