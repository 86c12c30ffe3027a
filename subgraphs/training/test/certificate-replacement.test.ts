import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { completedEnrolment, getRoute, issueAsTrainer } from './certificate.fixtures';

/**
 * Public verification of a replaced certificate (docs/ARCHITECTURE.md, "Verifying a replaced
 * certificate"): the old code says REVOKED and names the newest replacement by serial, status and
 * date, in GraphQL, in JSON and on the page; nothing of the replacement's holder.
 */

const TRAINER = identityOf('trainer');
const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

const VERIFY = /* GraphQL */ `
  query($code: String!) {
    verifyCertificate(code: $code) { status serial holderName courseTitle issuedOn replacement { serial status issuedOn } }
  }
`;
const REISSUE = /* GraphQL */ `
  mutation($id: ID!, $reason: String!) { reissueCertificate(id: $id, reason: $reason) { id serial issuedOn verificationCode } }
`;
const REVOKE = /* GraphQL */ `mutation($id: ID!, $reason: String!) { revokeCertificate(id: $id, reason: $reason) { id } }`;

interface Reissued {
  id: string;
  serial: string;
  issuedOn: string;
  verificationCode: string;
}
interface Verification {
  status: string;
  serial: string;
  holderName: string;
  replacement: { serial: string; status: string; issuedOn: string } | null;
}

describe('verifying a replaced certificate', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  const em = () => subgraph.database.orm.em.fork();

  async function reissue(id: string): Promise<Reissued> {
    const result = await subgraph.execute<{ reissueCertificate: Reissued }>(
      { query: REISSUE, variables: { id, reason: 'Sửa họ tên theo căn cước' } },
      TRAINER,
    );
    if (!result.data) throw new Error(`reissue failed: ${JSON.stringify(result.errors)}`);
    return result.data.reissueCertificate;
  }

  async function revoke(id: string): Promise<void> {
    const result = await subgraph.execute({ query: REVOKE, variables: { id, reason: 'Cấp nhầm khóa học' } }, TRAINER);
    expect(result.errors).toBeUndefined();
  }

  /** Anonymous, as anyone holding the code verifies it. */
  async function verify(code: string): Promise<Verification> {
    const result = await subgraph.execute<{ verifyCertificate: Verification }>({ query: VERIFY, variables: { code } });
    if (!result.data) throw new Error(`verify failed: ${JSON.stringify(result.errors)}`);
    return result.data.verifyCertificate;
  }

  it("revoke-and-reissue: the old code is REVOKED with the replacement's serial, status and date (GraphQL, JSON, page), and nothing of its holder", async () => {
    const { enrolment, trainee } = await completedEnrolment(em(), { trainee: { fullName: 'Nguyễn Văn Hai' } });
    const old = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
    await em().nativeUpdate(Trainee, { id: trainee.id }, { fullName: 'Nguyễn Văn Hải Đăng' });
    const replacement = await reissue(old.id);

    const graphql = await verify(old.verificationCode);
    const json = await (await getRoute(subgraph, `/verify/${old.verificationCode}`, undefined, 'application/json')).json();
    const page = await (await getRoute(subgraph, `/verify/${old.verificationCode}`, undefined, BROWSER)).text();

    const expected = {
      status: 'REVOKED',
      serial: old.serial,
      holderName: 'Nguyễn Văn Hai',
      courseTitle: old.courseTitle,
      issuedOn: old.issuedOn,
      replacement: { serial: replacement.serial, status: 'VALID', issuedOn: replacement.issuedOn },
    };
    expect(graphql).toEqual(expected);
    expect(json).toEqual(expected);
    expect(page).toContain('Giấy chứng nhận đã bị thu hồi');
    expect(page).toContain(`Giấy chứng nhận này đã được thay thế bằng giấy chứng nhận số <strong>${replacement.serial}</strong>`);
    expect(page).toContain(`This certificate was replaced by certificate <strong>${replacement.serial}</strong>`);
    expect(page).toContain('hiện <strong>hợp lệ</strong>');
    for (const body of [JSON.stringify(json), page]) {
      expect(body).not.toContain('Hải Đăng');
      expect(body).not.toContain(replacement.verificationCode);
      expect(body).not.toContain(replacement.id);
    }
  });

  it('follows a chain of reissues to the newest certificate, from every older code, and shows it revoked once it is', async () => {
    const { enrolment } = await completedEnrolment(em());
    const first = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
    const second = await reissue(first.id);
    const third = await reissue(second.id);

    const fromFirst = await verify(first.verificationCode);
    const fromSecond = await verify(second.verificationCode);
    const fromThird = await verify(third.verificationCode);
    await revoke(third.id);
    const afterRevocation = await verify(first.verificationCode);
    const page = await (await getRoute(subgraph, `/verify/${first.verificationCode}`, undefined, BROWSER)).text();

    expect(fromFirst.replacement).toEqual({ serial: third.serial, status: 'VALID', issuedOn: third.issuedOn });
    expect(fromSecond).toMatchObject({ status: 'REVOKED', replacement: { serial: third.serial, status: 'VALID' } });
    expect(fromThird).toMatchObject({ status: 'VALID', replacement: null });
    expect(afterRevocation.replacement).toEqual({ serial: third.serial, status: 'REVOKED', issuedOn: third.issuedOn });
    expect(page).toContain('cũng <strong>đã bị thu hồi</strong>');
    expect(page).toContain('has also been <strong>revoked</strong>');
  });

  it('shows no replacement for a plain revocation, nor for a valid certificate', async () => {
    const { enrolment } = await completedEnrolment(em());
    const certificate = await issueAsTrainer(subgraph, enrolment.id, TRAINER);
    const valid = await verify(certificate.verificationCode);
    await revoke(certificate.id);

    const revoked = await verify(certificate.verificationCode);
    const json = await (
      await getRoute(subgraph, `/verify/${certificate.verificationCode}`, undefined, 'application/json')
    ).json();
    const page = await (await getRoute(subgraph, `/verify/${certificate.verificationCode}`, undefined, BROWSER)).text();

    expect(valid).toMatchObject({ status: 'VALID', replacement: null });
    expect(revoked).toMatchObject({ status: 'REVOKED', serial: certificate.serial, replacement: null });
    expect(json).toMatchObject({ status: 'REVOKED', replacement: null });
    expect(page).toContain('Giấy chứng nhận đã bị thu hồi');
    expect(page).not.toContain('thay thế');
    expect(page).not.toContain('replaced');
  });
});
