import { COURSE_STATUS_NAMES } from '@metrology/kit/vocabulary';
import {
  CourseForIssuingDocument,
  CourseRosterForIssuingDocument,
  type CourseRosterForIssuingQuery,
  GraphQLRequestError,
  IssueCertificateDocument,
  type MetrologyClient,
} from '@metrology/sdk';
import { type Command, EXIT, type Output, optionLines } from '../command';
import { GATEWAY_OPTIONS, GATEWAY_USAGE, gatewayClient, required } from '../gateway';
import { progressBar } from '../progress';

type RosterItem = CourseRosterForIssuingQuery['courseRoster']['items'][number];

/** The roster page size: the largest the gateway allows. */
const PAGE = 200;

/** Errors after which issuing the next certificate would fail the same way: stop at once. */
const FATAL_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NETWORK_ERROR', 'SERVICE_UNAVAILABLE']);

type Outcome =
  | { kind: 'issued' | 'already'; name: string; serial: string }
  | { kind: 'skipped' | 'failed'; name: string; reason: string; reasonEn: string };

async function wholeRoster(client: MetrologyClient, courseId: string): Promise<RosterItem[]> {
  const items: RosterItem[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { courseRoster } = await client.request(CourseRosterForIssuingDocument, { courseId, limit: PAGE, offset });
    items.push(...courseRoster.items);
    if (courseRoster.items.length < PAGE || items.length >= courseRoster.total) return items;
  }
}

/** One enrolment: issued now, already held, skipped with the reason, or failed with the server's message. */
async function issueOne(client: MetrologyClient, item: RosterItem): Promise<Outcome> {
  const name = item.trainee.fullName;
  const { enrolment } = item;
  if (enrolment.status === 'WITHDRAWN') {
    return { kind: 'skipped', name, reason: 'đã rút khỏi khóa học', reasonEn: 'withdrawn from the course' };
  }
  if (enrolment.status === 'ENROLLED') {
    return {
      kind: 'skipped',
      name,
      reason: 'chưa chốt kết quả khóa học (hoàn thành khóa học trước)',
      reasonEn: 'completion not decided yet (complete the course first)',
    };
  }
  if (enrolment.status === 'NOT_COMPLETED') {
    return { kind: 'skipped', name, reason: item.completion.reason, reasonEn: item.completion.reasonEn };
  }
  if (enrolment.certificate) return { kind: 'already', name, serial: enrolment.certificate.serial };
  try {
    const { issueCertificate } = await client.request(IssueCertificateDocument, { enrolmentId: enrolment.id });
    return { kind: 'issued', name, serial: issueCertificate.serial };
  } catch (error) {
    if (!(error instanceof GraphQLRequestError) || FATAL_CODES.has(error.code)) throw error;
    return { kind: 'failed', name, reason: `[${error.code}] ${error.message}`, reasonEn: error.messageEn };
  }
}

function printOutcomes(outcomes: Outcome[], io: Output): void {
  const section = (title: string, kind: Outcome['kind']) => {
    const matching = outcomes.filter((outcome) => outcome.kind === kind);
    if (matching.length === 0 && (kind === 'failed' || kind === 'already')) return [];
    return [
      `${title}: ${matching.length}`,
      ...matching.map((outcome) =>
        'serial' in outcome
          ? `  ${outcome.serial}  ${outcome.name}`
          : `  ${outcome.name} — ${outcome.reason} / ${outcome.reasonEn}`,
      ),
    ];
  };
  io.out(
    [
      ...section('Đã cấp mới / Issued now', 'issued'),
      ...section('Đã có từ trước / Already issued', 'already'),
      ...section('Không cấp / Skipped', 'skipped'),
      ...section('Lỗi / Failed', 'failed'),
      '',
    ].join('\n'),
  );
}

/**
 * Issues the certificates of a course one enrolment at a time over its roster, so that the
 * progress shown is real: completed enrolments get theirs (issuing again returns the existing
 * one), the others are listed with the reason.
 */
export const issueCertificatesCommand: Command = {
  name: 'issue-certificates',
  summary: 'Cấp giấy chứng nhận cho các học viên đã hoàn thành một khóa học. / Issue the certificates of a course.',
  usage: [
    'Usage: metrology issue-certificates --course <course id>',
    '',
    ...optionLines([
      ['--course', 'the course (khóa học); its trainees who completed it get a certificate, each once'],
      ...GATEWAY_USAGE,
    ]),
  ].join('\n'),
  options: { course: { type: 'string' }, ...GATEWAY_OPTIONS },
  async run(values, env, io) {
    const courseId = required(values, 'course');
    const client = gatewayClient(values, env);
    const { course } = await client.request(CourseForIssuingDocument, { id: courseId });
    const status = COURSE_STATUS_NAMES[course.status];
    io.out(`Khóa học / Course: ${course.code} — ${course.title} (${status.vi} / ${status.en})\n`);
    const roster = await wholeRoster(client, course.id);
    if (roster.length === 0) {
      io.out('Khóa học chưa có học viên nào. / The course has no trainees.\n');
      return EXIT.ok;
    }
    const outcomes: Outcome[] = [];
    const progress = progressBar(io, 'Cấp giấy chứng nhận / Issuing', roster.length);
    progress.update(0);
    try {
      for (const item of roster) {
        outcomes.push(await issueOne(client, item));
        progress.update(outcomes.length);
      }
    } finally {
      progress.finish();
    }
    printOutcomes(outcomes, io);
    return outcomes.some((outcome) => outcome.kind === 'failed') ? EXIT.failed : EXIT.ok;
  },
};
