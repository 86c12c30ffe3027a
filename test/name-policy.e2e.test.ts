/**
 * The name rule (docs/INPUT.md) on the real create and update mutations of every name of a person
 * or an organisation, through the gateway as an administrator: Vietnamese names pass and are stored
 * in NFC whatever form they arrive in; direction controls, zero-width characters, NUL and other
 * controls are refused naming the field, and the record keeps its name. Searches with hostile
 * values answer a coded error or an empty result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Stack, startStack } from './harness';

const PLAN = '129/KH-UBND';
const OWNER = '4900800001';
const PERSON = 'Nguyễn Thị Ánh Hồng';
const ORGANISATION = 'Công ty TNHH Đo lường Ánh Dương (Lạng Sơn)';

// biome-ignore lint/suspicious/noExplicitAny: answers of several shapes, read by path
type AnyAnswer = any;

/** A name field: writes a name through its mutation, and reads what was stored. */
interface NameField {
  label: string;
  kind: 'person' | 'organisation';
  /** How the input policy names the field. */
  field: string;
  write(name: string): Promise<GraphQLResponse<Record<string, unknown>>>;
  /** The stored name after `write` (the record written, or the one an update refused to change). */
  stored(): Promise<string>;
}

const HOSTILE: [string, (name: string) => string][] = [
  ['a right-to-left override', (name) => `${name.slice(0, 4)}\u202E${name.slice(4)}`],
  ['a right-to-left mark', (name) => `\u200F${name}`],
  ['a zero-width joiner inside a word', (name) => `${name.slice(0, 3)}\u200D${name.slice(3)}`],
  ['NUL', (name) => `${name}\u0000`],
  ['a control character (ESC)', (name) => `${name.slice(0, 5)}\u001B${name.slice(5)}`],
  ['a lone surrogate', (name) => `${name}\uD800`],
];

describe('the name rule on every name field, through the gateway', () => {
  let stack: Stack;
  let sequence = 0;
  const next = () => ++sequence;

  const admin = (query: string, variables: Record<string, unknown> = {}) =>
    stack.execute<Record<string, unknown>>({ query, variables }, { role: 'admin' });
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const result = await admin(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data as T;
  };

  // The records the update mutations change, with their current versions.
  let trainee: { id: string; version: number };
  let courseId: string;
  let laboratory: { id: string; version: number };
  let assessment: { id: string; version: number };
  let standard: { id: string; version: number };
  let organization = { version: 0 };

  const traceability = (calibratedBy: string) => ({
    calibratedBy,
    calibratedOn: '2025-06-02',
    certificateNumber: `HC-${next()}`,
    dueOn: '2026-06-01',
  });
  const registration = (issuer: string) => ({ number: `ĐK-${next()}`, issuer, issuedOn: '2024-01-15', validUntil: '2029-01-14' });
  const registerLaboratory = (name: string, issuer = 'Tổng cục Tiêu chuẩn Đo lường Chất lượng') =>
    admin(
      `mutation($input: RegisterLaboratoryInput!) { registerLaboratory(input: $input) { id version name registration { issuer } } }`,
      {
        input: {
          code: `PTN-${next()}`,
          name,
          organizationTaxCode: OWNER,
          fields: ['MASS'],
          services: ['CALIBRATION'],
          registration: registration(issuer),
        },
      },
    );
  const registerStandard = (calibratedBy: string) =>
    admin(
      `mutation($input: RegisterMeasurementStandardInput!) { registerMeasurementStandard(input: $input) { id version traceability { calibratedBy } } }`,
      {
        input: {
          kindCode: 'NAME-KIND',
          name: 'Quả cân chuẩn F1 1 kg',
          field: 'MASS',
          ownerTaxCode: OWNER,
          yearFirstSupported: 2025,
          serial: `S-${next()}`,
          traceability: traceability(calibratedBy),
        },
      },
    );
  const createAssessment = (name: string) =>
    admin(`mutation($input: CreateAssessmentInput!) { createAssessment(input: $input) { id version assessors { name } } }`, {
      input: {
        laboratoryId: laboratory.id,
        criteriaSetCode: 'TCVN-13187-MAU',
        criteriaSetVersion: 1,
        kind: 'INITIAL',
        startDate: '2025-03-03',
        assessors: [{ subject: `assessor-${next()}`, name }],
      },
    });
  const registerTrainee = (fullName: string) =>
    admin(`mutation($input: TraineeInput!) { registerTrainee(input: $input) { trainee { id version fullName } } }`, {
      input: { fullName },
    });

  /** The data of the last successful write of each field, read back by `stored()`. */
  const last: Record<string, string> = {};
  const remember = (
    label: string,
    response: GraphQLResponse<Record<string, unknown>>,
    pick: (data: AnyAnswer) => string,
  ): GraphQLResponse<Record<string, unknown>> => {
    if (!response.errors && response.data) last[label] = pick(response.data);
    return response;
  };

  const fields: NameField[] = [
    {
      label: 'registerTrainee fullName',
      kind: 'person',
      field: 'fullName',
      write: async (name) =>
        remember('registerTrainee fullName', await registerTrainee(name), (d) => d.registerTrainee.trainee.fullName),
      stored: async () => last['registerTrainee fullName'] as string,
    },
    {
      label: 'updateTrainee fullName',
      kind: 'person',
      field: 'fullName',
      write: async (name) => {
        const response = await admin(
          `mutation($id: ID!, $version: Int!, $input: TraineeUpdateInput!) { updateTrainee(id: $id, version: $version, input: $input) { version } }`,
          { id: trainee.id, version: trainee.version, input: { fullName: name } },
        );
        if (!response.errors) trainee.version = (response.data as { updateTrainee: { version: number } }).updateTrainee.version;
        return response;
      },
      stored: async () =>
        (await ok<{ trainee: { fullName: string } }>(`query($id: ID!) { trainee(id: $id) { fullName } }`, { id: trainee.id }))
          .trainee.fullName,
    },
    {
      label: 'addCourseTrainer name',
      kind: 'person',
      field: 'name',
      write: (name) =>
        admin(
          `mutation($courseId: ID!, $subject: String!, $name: String!) { addCourseTrainer(courseId: $courseId, subject: $subject, name: $name) { id } }`,
          {
            courseId,
            subject: 'name-policy-trainer',
            name,
          },
        ),
      stored: async () => {
        const { course } = await ok<{ course: { trainers: { subject: string; name: string }[] } }>(
          `query($id: ID!) { course(id: $id) { trainers { subject name } } }`,
          { id: courseId },
        );
        return course.trainers.find((t) => t.subject === 'name-policy-trainer')?.name ?? '';
      },
    },
    {
      label: 'createAssessment assessors.name',
      kind: 'person',
      field: 'assessors[0].name',
      write: async (name) =>
        remember('createAssessment assessors.name', await createAssessment(name), (d) => d.createAssessment.assessors[0].name),
      stored: async () => last['createAssessment assessors.name'] as string,
    },
    {
      label: 'updateAssessment assessors.name',
      kind: 'person',
      field: 'assessors[0].name',
      write: async (name) => {
        const response = await admin(`mutation($input: UpdateAssessmentInput!) { updateAssessment(input: $input) { version } }`, {
          input: { id: assessment.id, version: assessment.version, assessors: [{ subject: 'name-policy-assessor', name }] },
        });
        if (!response.errors)
          assessment.version = (response.data as { updateAssessment: { version: number } }).updateAssessment.version;
        return response;
      },
      stored: async () =>
        (
          await ok<{ assessment: { assessors: { name: string }[] } }>(
            `query($id: ID!) { assessment(id: $id) { assessors { name } } }`,
            {
              id: assessment.id,
            },
          )
        ).assessment.assessors[0]?.name ?? '',
    },
    {
      label: 'registerOrganization name',
      kind: 'organisation',
      field: 'name',
      write: async (name) =>
        remember(
          'registerOrganization name',
          await admin(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { name } }`, {
            input: {
              taxCode: `49008${String(next()).padStart(5, '0')}`,
              name,
              kind: 'ENTERPRISE',
              ownership: 'PRIVATE',
              sector: 'OTHER',
            },
          }),
          (d) => d.registerOrganization.name,
        ),
      stored: async () => last['registerOrganization name'] as string,
    },
    {
      label: 'updateOrganization name',
      kind: 'organisation',
      field: 'name',
      write: async (name) => {
        const response = await admin(
          `mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { version } }`,
          {
            input: { taxCode: OWNER, version: organization.version, name },
          },
        );
        if (!response.errors) organization = (response.data as { updateOrganization: { version: number } }).updateOrganization;
        return response;
      },
      stored: async () =>
        (await ok<{ organization: { name: string } }>(`query($t: ID!) { organization(taxCode: $t) { name } }`, { t: OWNER }))
          .organization.name,
    },
    {
      label: 'registerLaboratory name',
      kind: 'organisation',
      field: 'name',
      write: async (name) =>
        remember('registerLaboratory name', await registerLaboratory(name), (d) => d.registerLaboratory.name),
      stored: async () => last['registerLaboratory name'] as string,
    },
    {
      label: 'registerLaboratory registration.issuer',
      kind: 'organisation',
      field: 'registration.issuer',
      write: async (name) =>
        remember(
          'registerLaboratory registration.issuer',
          await registerLaboratory('Phòng thí nghiệm Khối lượng', name),
          (d) => d.registerLaboratory.registration.issuer,
        ),
      stored: async () => last['registerLaboratory registration.issuer'] as string,
    },
    ...(['name', 'registration.issuer'] as const).map(
      (part): NameField => ({
        label: `updateLaboratory ${part}`,
        kind: 'organisation',
        field: part,
        write: async (name) => {
          const change = part === 'name' ? { name } : { registration: registration(name) };
          const response = await admin(
            `mutation($input: UpdateLaboratoryInput!) { updateLaboratory(input: $input) { version } }`,
            {
              input: { id: laboratory.id, version: laboratory.version, ...change },
            },
          );
          if (!response.errors)
            laboratory.version = (response.data as { updateLaboratory: { version: number } }).updateLaboratory.version;
          return response;
        },
        stored: async () => {
          const { laboratory: read } = await ok<{ laboratory: { name: string; registration: { issuer: string } } }>(
            `query($id: ID!) { laboratory(id: $id) { name registration { issuer } } }`,
            { id: laboratory.id },
          );
          return part === 'name' ? read.name : read.registration.issuer;
        },
      }),
    ),
    {
      label: 'registerMeasurementStandard traceability.calibratedBy',
      kind: 'organisation',
      field: 'traceability.calibratedBy',
      write: async (name) =>
        remember(
          'registerMeasurementStandard traceability.calibratedBy',
          await registerStandard(name),
          (d) => d.registerMeasurementStandard.traceability.calibratedBy,
        ),
      stored: async () => last['registerMeasurementStandard traceability.calibratedBy'] as string,
    },
    {
      label: 'updateMeasurementStandard traceability.calibratedBy',
      kind: 'organisation',
      field: 'traceability.calibratedBy',
      write: async (name) => {
        const response = await admin(
          `mutation($input: UpdateMeasurementStandardInput!) { updateMeasurementStandard(input: $input) { version } }`,
          { input: { id: standard.id, version: standard.version, traceability: traceability(name) } },
        );
        if (!response.errors)
          standard.version = (
            response.data as { updateMeasurementStandard: { version: number } }
          ).updateMeasurementStandard.version;
        return response;
      },
      stored: async () =>
        (
          await ok<{ measurementStandard: { traceability: { calibratedBy: string } } }>(
            `query($id: ID!) { measurementStandard(id: $id) { traceability { calibratedBy } } }`,
            { id: standard.id },
          )
        ).measurementStandard.traceability.calibratedBy,
    },
  ];

  beforeAll(async () => {
    stack = await startStack();
    organization = await ok<{ registerOrganization: { version: number } }>(
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { version } }`,
      {
        input: {
          taxCode: OWNER,
          name: 'Trung tâm Đo lường Lạng Sơn',
          kind: 'SERVICE_PROVIDER',
          ownership: 'STATE',
          sector: 'OTHER',
        },
      },
    ).then((d) => d.registerOrganization);
    const lab = await registerLaboratory('Phòng thí nghiệm Đo lường Khối lượng');
    laboratory = (lab.data as { registerLaboratory: { id: string; version: number } }).registerLaboratory;
    await ok(`mutation($input: RegisterStandardKindInput!) { registerStandardKind(input: $input) { code } }`, {
      input: { code: 'NAME-KIND', name: 'Quả cân chuẩn' },
    });
    standard = (
      (await registerStandard('Viện Đo lường Việt Nam')).data as { registerMeasurementStandard: { id: string; version: number } }
    ).registerMeasurementStandard;
    assessment = ((await createAssessment('Lê Minh')).data as { createAssessment: { id: string; version: number } })
      .createAssessment;
    trainee = (
      (await registerTrainee('Hoàng Thu Phương')).data as { registerTrainee: { trainee: { id: string; version: number } } }
    ).registerTrainee.trainee;
    courseId = (
      await ok<{ createCourse: { id: string } }>(`mutation($input: CourseInput!) { createCourse(input: $input) { id } }`, {
        input: {
          code: 'TEN-2026-01',
          title: 'Bồi dưỡng đo lường',
          kind: 'VERIFIER_TRAINING',
          field: 'MASS',
          venue: 'Lạng Sơn',
          startDate: '2026-03-02',
          endDate: '2026-09-30',
          plannedHours: 8,
          capacity: 10,
          planCode: PLAN,
        },
      })
    ).createCourse.id;
  });
  afterAll(() => stack?.stop());

  describe.each(fields.map((f) => [f.label, f] as const))('%s', (_label, nameField) => {
    const valid = () => (nameField.kind === 'person' ? PERSON : ORGANISATION);

    it('stores a Vietnamese name sent decomposed (NFD) in NFC', async () => {
      const response = await nameField.write(valid().normalize('NFD'));
      expect(response.errors).toBeUndefined();
      const stored = await nameField.stored();
      expect(stored).toBe(valid());
      expect(stored.normalize('NFC')).toBe(stored);
    });

    it.each(HOSTILE)('refuses %s with BAD_USER_INPUT naming the field; the name stored stays', async (_what, spoil) => {
      const before = await nameField.stored();
      const response = await nameField.write(spoil(valid()));
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: nameField.field });
      expect(response.errors?.[0]?.extensions?.messageEn).toEqual(expect.any(String));
      expect(await nameField.stored()).toBe(before);
    });

    it('refuses digits or symbols no name of its kind uses', async () => {
      const spoiled = nameField.kind === 'person' ? `${PERSON} 2` : `${ORGANISATION} 100%`;
      const response = await nameField.write(spoiled);
      expect(response.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: nameField.field,
        reason: 'NAME_CHARACTER',
      });
    });
  });

  describe('searches with hostile values', () => {
    const SEARCHES = [
      ['trainees', `query($s: String) { trainees(search: $s) { total items { fullName } } }`],
      ['organizations', `query($s: String) { organizations(search: $s) { total items { name } } }`],
      ['laboratories', `query($s: String) { laboratories(search: $s) { total items { name } } }`],
      ['courses', `query($s: String) { courses(search: $s) { total items { title } } }`],
    ] as const;
    const REFUSED = ['Ánh\u0000', 'Ánh\u202E', '\u200FÁnh', 'Á\u200Dnh', 'Ánh\uD800', 'Ánh\u0007'];
    const FOUND_BY_NOTHING = ['%', '_', '\\', '%\\_%', "'; DROP TABLE x; --", "Ánh' OR '1'='1"];

    it.each(SEARCHES)('%s: refuses each hostile character with BAD_USER_INPUT on "search"', async (_name, query) => {
      for (const search of REFUSED) {
        const response = await admin(query, { s: search });
        expect(response.status).toBeLessThan(500);
        expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
      }
    });

    it.each(SEARCHES)('%s: finds nothing for SQL fragments and LIKE wildcards, though records exist', async (name, query) => {
      const all = (await ok<Record<string, { total: number }>>(query, { s: null }))[name];
      expect(all?.total).toBeGreaterThan(0);
      for (const search of FOUND_BY_NOTHING) {
        const response = await admin(query, { s: search });
        expect(response.errors).toBeUndefined();
        expect((response.data as Record<string, { total: number }>)[name]?.total).toBe(0);
      }
    });
  });
});
