/**
 * The hostile-input sweep (docs/INPUT.md), generated from the API schema: every Query and
 * Mutation field, with otherwise well-formed arguments, gets every hostile class at every String
 * and ID location, bad dates at every LocalDate and bad amounts at every Money location, through
 * the gateway as an administrator (who may call every field, so that no role refusal hides the
 * input check; what each role may call is the role matrix's test). A field added later is swept
 * without touching this file.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './harness';
import { databaseFingerprint } from './hostile/database';
import { type FieldCase, fieldCases, type Location, readApiSchema } from './hostile/schema-cases';
import { judge, type Probe, post, probeBody, probesOf, runProbes } from './hostile/sweep';
import { DATE_CLASSES, type HostileClass, MONEY_CLASSES, TEXT_CLASSES } from './hostile/values';

const TEXT: Location['scalar'][] = ['String', 'ID'];

/**
 * Name-like fields the person/organisation name rule does not apply to, with the reason. Any other
 * argument or input field whose name ends in "name" (or names an organisation) must be refused a
 * character no name uses.
 */
const NOT_NAMES_OF_PEOPLE_OR_ORGANISATIONS: Record<string, string> = {
  'RegisterMeasurementStandardInput.name': 'an instrument, e.g. "Nhiệt kế chuẩn −50 °C đến 300 °C"',
  'UpdateMeasurementStandardInput.name': 'an instrument',
  'RegisterStandardKindInput.name': 'a kind of measurement standard, with units and symbols',
};
/** Fields that hold an organisation's name without "name" in theirs. */
const ORGANISATION_NAME_FIELDS = new Set(['issuer', 'calibratedBy']);

describe('hostile input on every field of the API schema', () => {
  let stack: Stack;
  let token: string;
  let cases: FieldCase[];

  beforeAll(async () => {
    stack = await startStack();
    token = await stack.token('admin');
    cases = fieldCases(readApiSchema());
  });
  afterAll(() => stack?.stop());

  const sweep = (probes: Parameters<typeof runProbes>[2]) => runProbes(stack.gatewayUrl, token, probes);

  it('finds the text, date and money locations of the schema, inside nested inputs and lists', () => {
    const where = (coordinate: string) =>
      cases.find((c) => c.coordinate === coordinate)?.locations.map((l) => `${l.scalar} ${l.fieldPath}`);
    expect(where('Mutation.registerTrainee')).toEqual(expect.arrayContaining(['String fullName', 'LocalDate dateOfBirth']));
    expect(where('Mutation.createAssessment')).toEqual(expect.arrayContaining(['String assessors[0].name']));
    expect(where('Mutation.recordContribution')).toEqual(expect.arrayContaining(['Money amount', 'String purpose']));
    expect(where('Query.trainees')).toEqual(expect.arrayContaining(['String search']));
    expect(cases.filter((c) => c.locations.length > 0).length).toBeGreaterThan(90);
  });

  it('refuses NUL, controls, lone surrogates, bidi controls and invisible characters at every String and ID location with HTTP 400, naming it, writing nothing', async () => {
    const refused = TEXT_CLASSES.filter((hostile) => hostile.refused);
    // No field accepts them: the request itself is bad, refused at the gateway before planning.
    const probes = probesOf(cases, TEXT, refused, () => ({ named: true })).map((probe) => ({ ...probe, expectStatus: 400 }));
    // The lone surrogates travel as JSON escapes in the raw body.
    const surrogate = probes.find((probe) => probe.hostile.name === 'lone high surrogate');
    expect(surrogate && probeBody(surrogate)).toContain('\\ud800');
    const before = await databaseFingerprint(stack);
    expect(await sweep(probes)).toEqual([]);
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('refuses the same characters written as escapes in a string literal of the document with HTTP 400, for every plain String and ID argument', async () => {
    const refused = TEXT_CLASSES.filter((hostile) => hostile.refused);
    const probes = cases.flatMap((fieldCase) =>
      fieldCase.locations
        .filter((location) => TEXT.includes(location.scalar) && location.keys.length === 1)
        .flatMap((location) =>
          refused.map((hostile): Probe => {
            const name = String(location.keys[0]);
            const { [name]: _literal, ...variables } = fieldCase.variables();
            // JSON escapes are GraphQL string escapes; a lone surrogate is a syntax error there.
            const query = fieldCase.documentWith({ [name]: JSON.stringify(hostile.value) });
            const lone = hostile.name.startsWith('lone');
            return {
              fieldCase,
              location,
              hostile,
              body: JSON.stringify({ query, variables }),
              expectStatus: 400,
              ...(lone ? {} : { expectRefusal: { named: true } }),
            };
          }),
        ),
    );
    const before = await databaseFingerprint(stack);
    expect(await sweep(probes)).toEqual([]);
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('answers bad dates at every LocalDate location with HTTP 400 BAD_USER_INPUT, writing nothing', async () => {
    // Refused while the variables are coerced, before execution: the request is bad (400).
    const probes = probesOf(cases, ['LocalDate'], DATE_CLASSES, () => ({ named: false })).map((probe) => ({
      ...probe,
      expectStatus: 400,
    }));
    expect(probes.length).toBeGreaterThan(0);
    const before = await databaseFingerprint(stack);
    expect(await sweep(probes)).toEqual([]);
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('answers bad amounts at every Money location with HTTP 400 BAD_USER_INPUT, writing nothing', async () => {
    // Refused while the variables are coerced, before execution: the request is bad (400).
    const probes = probesOf(cases, ['Money'], MONEY_CLASSES, () => ({ named: false })).map((probe) => ({
      ...probe,
      expectStatus: 400,
    }));
    expect(probes.length).toBeGreaterThan(0);
    const before = await databaseFingerprint(stack);
    expect(await sweep(probes)).toEqual([]);
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('answers a 20,000-character string at every String and ID location with a coded client error, writing nothing', async () => {
    const long = TEXT_CLASSES.filter((hostile) => hostile.name === '20,000 characters');
    const probes = probesOf(cases, TEXT, long, () => undefined);
    const before = await databaseFingerprint(stack);
    expect(await sweep(probes)).toEqual([]);
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('refuses a 1 MB string in any field with 413 before any execution', async () => {
    const [oversized] = TEXT_CLASSES.filter((hostile) => hostile.oversized) as [HostileClass];
    // One location of every field: the gateway refuses by the declared length, whatever the field.
    const probes = cases.flatMap((fieldCase) => {
      const location = fieldCase.locations.find((l) => TEXT.includes(l.scalar));
      return location ? [{ fieldCase, location, hostile: oversized }] : [];
    });
    const problems: string[] = [];
    for (const probe of probes) {
      const answer = await post(stack.gatewayUrl, token, probeBody(probe));
      const problem = judge(answer, probe);
      if (problem) problems.push(problem);
      else if (answer.status !== 413) problems.push(`${probe.fieldCase.coordinate}: HTTP ${answer.status}, not 413`);
    }
    expect(problems).toEqual([]);
  });

  it('applies the name rule to every name of a person or organisation in the schema', async () => {
    const nameLocations = (fieldCase: FieldCase) =>
      fieldCase.locations.filter(
        (l) =>
          l.scalar === 'String' &&
          (/name$/i.test(l.leaf) || ORGANISATION_NAME_FIELDS.has(l.leaf)) &&
          !NOT_NAMES_OF_PEOPLE_OR_ORGANISATIONS[`${l.parentType ?? fieldCase.coordinate}.${l.leaf}`],
      );
    const notAName: HostileClass = { name: 'a character no name uses', value: 'Lan <b>', refused: true };
    const probes = cases.flatMap((fieldCase) =>
      nameLocations(fieldCase).map((location) => ({
        fieldCase,
        location,
        hostile: notAName,
        expectRefusal: { named: true, reason: 'NAME_CHARACTER' },
      })),
    );
    // The name fields known today are among them; any new one is found by its name.
    expect(probes.map((p) => `${p.fieldCase.field}:${p.location.fieldPath}`)).toEqual(
      expect.arrayContaining([
        'registerTrainee:fullName',
        'updateTrainee:fullName',
        'addCourseTrainer:name',
        'createAssessment:assessors[0].name',
        'registerOrganization:name',
        'registerLaboratory:name',
        'registerLaboratory:registration.issuer',
        'registerMeasurementStandard:traceability.calibratedBy',
      ]),
    );
    expect(await sweep(probes)).toEqual([]);
  });

  it('refuses valid text with a hostile character inserted anywhere, at any String or ID location (property)', async () => {
    const textLocations = cases.flatMap((fieldCase) =>
      fieldCase.locations.filter((l) => TEXT.includes(l.scalar)).map((location) => ({ fieldCase, location })),
    );
    const hostileCharacters = [
      '\u0000',
      '\u0008',
      '\u001B',
      '\u009B',
      '\uD83D',
      '\uDE00',
      '\u202E',
      '\u200F',
      '\u2066',
      '\u200B',
      '\u200D',
      '\u2060',
      '\uFEFF',
      '\u00AD',
    ];
    const validText = fc.stringMatching(/^[A-Za-zÀ-ỹĐđ ]{1,40}$/);
    const before = await databaseFingerprint(stack);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...textLocations),
        validText,
        fc.constantFrom(...hostileCharacters),
        fc.nat(),
        async ({ fieldCase, location }, text, character, at) => {
          const position = at % (text.length + 1);
          const value = `${text.slice(0, position)}${character}${text.slice(position)}`;
          const probe = {
            fieldCase,
            location,
            hostile: { name: JSON.stringify(value), value, refused: true },
            expectRefusal: { named: true },
          };
          expect(judge(await post(stack.gatewayUrl, token, probeBody(probe)), probe)).toBeNull();
        },
      ),
      { seed: 129, numRuns: 300 },
    );
    expect(await databaseFingerprint(stack)).toEqual(before);
  });

  it('answers the routes outside GraphQL with a hostile path segment with a coded 4xx', async () => {
    const segments = ['%00abc', '%E2%80%AEabc', '%ED%A0%80', 'a'.repeat(5_000), "'%3B%20DROP%20TABLE%20x%3B--", '%25', '%5C'];
    const paths = segments.flatMap((segment) => [
      `/verify/${segment}`,
      `/certificates/${segment}.pdf`,
      `/reports/annual/${segment}/2026.pdf`,
    ]);
    const base = stack.gatewayUrl.replace(/\/graphql$/, '');
    const problems: string[] = [];
    for (const route of paths) {
      const response = await fetch(`${base}${route}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      const body = (await response.json().catch(() => ({}))) as { errors?: { extensions?: { code?: string } }[] };
      const coded = body.errors?.every((error) => typeof error.extensions?.code === 'string');
      if (response.status < 400 || response.status >= 500 || !coded)
        problems.push(`${route.slice(0, 80)}: HTTP ${response.status}`);
    }
    expect(problems).toEqual([]);
  });

  // Last: these are legitimate text and may be stored where every other argument happens to be valid.
  it('answers SQL fragments and LIKE wildcards at every String and ID location without a server error, every table intact', async () => {
    const legitimate = TEXT_CLASSES.filter(
      (hostile) => !hostile.refused && !hostile.oversized && hostile.name !== '20,000 characters',
    );
    const tables = Object.keys(await databaseFingerprint(stack));
    expect(await sweep(probesOf(cases, TEXT, legitimate, () => undefined))).toEqual([]);
    expect(Object.keys(await databaseFingerprint(stack))).toEqual(tables);
  });
});
