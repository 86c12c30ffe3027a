/**
 * Arrange and read helpers for the certificate tests: completed enrolments, signed GETs of the
 * subgraph's HTTP routes (as the gateway sends them), stored PDF bytes and their text.
 */
import { ANONYMOUS, DEV_GATEWAY_SECRET, type Identity, signIdentity } from '@metrology/kit';
import type { TestSubgraph } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Certificate } from '../src/modules/certificate/certificate.entity';
import type { Course } from '../src/modules/course/course.entity';
import { type Enrolment, EnrolmentStatus } from '../src/modules/enrolment/enrolment.entity';
import type { Trainee } from '../src/modules/trainee/trainee.entity';
import { createCourse, createTrainee, enrol } from './fixtures';

export const CERTIFICATE_FIELDS = /* GraphQL */ `
  id serial year holderName courseTitle courseCode courseHours courseStartDate courseEndDate
  issuerName signerName signerTitle issuedOn status revokedAt revokedBy revocationReason sha256
  verificationCode verificationUrl downloadUrl replacedBy { id serial }
`;

export const ISSUE = /* GraphQL */ `
  mutation($enrolmentId: ID!) { issueCertificate(enrolmentId: $enrolmentId) { ${CERTIFICATE_FIELDS} } }
`;

export interface IssuedCertificate {
  id: string;
  serial: string;
  year: number;
  holderName: string;
  courseTitle: string;
  courseCode: string;
  courseHours: number;
  courseStartDate: string;
  courseEndDate: string;
  issuerName: string;
  signerName: string;
  signerTitle: string;
  issuedOn: string;
  status: 'VALID' | 'REVOKED';
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
  sha256: string;
  verificationCode: string;
  verificationUrl: string;
  downloadUrl: string;
  replacedBy: { id: string; serial: string } | null;
}

export interface Completed {
  course: Course;
  trainee: Trainee;
  enrolment: Enrolment;
}

/** A trainee with a COMPLETED enrolment in a course (a new course unless one is given). */
export async function completedEnrolment(
  em: EntityManager,
  options: { course?: Course; trainee?: Partial<Trainee>; status?: EnrolmentStatus } = {},
): Promise<Completed> {
  const course = options.course ?? (await createCourse(em));
  const trainee = await createTrainee(em, options.trainee);
  const enrolment = await enrol(em, course, trainee, { status: options.status ?? EnrolmentStatus.COMPLETED });
  return { course, trainee, enrolment };
}

/** Issues through GraphQL as the course's default trainer and returns the certificate. */
export async function issueAsTrainer(subgraph: TestSubgraph, enrolmentId: string, trainer: Identity): Promise<IssuedCertificate> {
  const result = await subgraph.execute<{ issueCertificate: IssuedCertificate }>(
    { query: ISSUE, variables: { enrolmentId } },
    trainer,
  );
  if (!result.data?.issueCertificate) throw new Error(`issueCertificate failed: ${JSON.stringify(result.errors)}`);
  return result.data.issueCertificate;
}

/** The stored row of a certificate, PDF bytes included, read fresh. */
export function storedCertificate(subgraph: TestSubgraph, id: string): Promise<Certificate> {
  return subgraph.database.orm.em.fork().findOneOrFail(Certificate, { id }, { populate: ['pdf'] });
}

/** A GET of one of the subgraph's HTTP routes, signed like the gateway's (empty body). */
export function getRoute(
  subgraph: TestSubgraph,
  path: string,
  identity: Identity = ANONYMOUS,
  accept = '*/*',
): Promise<Response> {
  const base = subgraph.url.replace(/\/graphql$/, '');
  return fetch(`${base}${path}`, {
    headers: { accept, ...signIdentity(identity, { method: 'GET', target: path, body: '' }, DEV_GATEWAY_SECRET) },
  });
}

/** The text of each page and the page boxes, as a PDF reader extracts them. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; boxes: number[][] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const document = await task.promise;
  const pages: string[] = [];
  const boxes: number[][] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
    boxes.push([...page.view]);
  }
  await task.destroy();
  return { pages, boxes };
}
