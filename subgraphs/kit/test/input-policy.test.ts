import 'reflect-metadata';
import { graphql } from 'graphql';
import { Arg, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { toGraphQLError } from '../src/errors';
import { TextArgs, TextInput } from '../src/input/boundary';
import { MAX_LENGTH, textViolation } from '../src/input/policy';
import { buildFederatedSchema } from '../src/schema';

describe('the text policy of one value', () => {
  it.each([
    ['NUL', 'Nguyễn\u0000Văn', 'CONTROL_CHARACTER'],
    ['a C1 control', 'Nguyễn\u0085Văn', 'CONTROL_CHARACTER'],
    ['DEL', 'abc\u007F', 'CONTROL_CHARACTER'],
    ['a lone high surrogate', 'ab\uD800c', 'LONE_SURROGATE'],
    ['a lone low surrogate', 'ab\uDC00', 'LONE_SURROGATE'],
    ['right-to-left override', 'abc\u202Edef', 'BIDI_CONTROL'],
    ['right-to-left mark', '\u200Fabc', 'BIDI_CONTROL'],
    ['Arabic letter mark', 'abc\u061C', 'BIDI_CONTROL'],
    ['first strong isolate', 'a\u2068b\u2069', 'BIDI_CONTROL'],
    ['zero-width space', 'Hà\u200BNội', 'INVISIBLE_CHARACTER'],
    ['zero-width joiner', 'Hà\u200DNội', 'INVISIBLE_CHARACTER'],
    ['zero-width non-joiner', 'Hà\u200CNội', 'INVISIBLE_CHARACTER'],
    ['word joiner', 'Hà\u2060Nội', 'INVISIBLE_CHARACTER'],
    ['a byte order mark inside', 'Hà\uFEFFNội', 'INVISIBLE_CHARACTER'],
    ['a soft hyphen', 'Hà\u00ADNội', 'INVISIBLE_CHARACTER'],
    ['a line separator', 'Hà\u2028Nội', 'INVISIBLE_CHARACTER'],
    ['a noncharacter', 'Hà\uFFFFNội', 'INVISIBLE_CHARACTER'],
    ['a line feed in a single line', 'Hà\nNội', 'CONTROL_CHARACTER'],
  ])('refuses %s in a line of text', (_label, value, violation) => {
    expect(textViolation(value, 'line')).toBe(violation);
  });

  it('accepts line feed and tab in free text, and line ends and a leading byte order mark in a document', () => {
    expect(textViolation('Dòng một\n\tDòng hai', 'text')).toBeNull();
    expect(textViolation('a\r\nb', 'text')).toBe('CONTROL_CHARACTER');
    expect(textViolation('\uFEFFHọ và tên,Trạng thái\r\nA,Có mặt\r\n', 'document')).toBeNull();
    expect(textViolation('a,b\r\n\u0000', 'document')).toBe('CONTROL_CHARACTER');
    expect(textViolation('a\uFEFFb', 'document')).toBe('INVISIBLE_CHARACTER');
  });

  it('refuses a value one unit past its kind’s maximum length, and accepts one at it', () => {
    for (const kind of ['line', 'text', 'personName'] as const) {
      expect(textViolation('a'.repeat(MAX_LENGTH[kind]), kind)).toBeNull();
      expect(textViolation('a'.repeat(MAX_LENGTH[kind] + 1), kind)).toBe('TOO_LONG');
    }
  });

  it.each([
    'Nguyễn Văn Hải',
    'Hoàng Thị Ánh Tuyết',
    'Đặng Quốc Bảo',
    "H'Hen Niê",
    'H’Hen Niê',
    'Nguyễn V. A.',
    'Trần-Lê Minh',
    'Nguye\u0302\u0303n Va\u0306n Ha\u0309i',
  ])('accepts the person name %s', (name) => {
    expect(textViolation(name, 'personName')).toBeNull();
  });

  it.each([
    ['a digit', 'Nguyễn Văn 2'],
    ['an at sign', 'Nguyễn Văn A <a@b.vn>'],
    ['a leading hyphen', '-Nguyễn'],
    ['a combining mark after a space', 'Nguyễn \u0301Văn'],
    ['three separators in a row', "Nguyễn -' Văn"],
    ['an emoji', 'Nguyễn 😀'],
  ])('refuses a person name with %s', (_label, name) => {
    expect(textViolation(name, 'personName')).toBe('NAME_CHARACTER');
  });

  it.each([
    'Công ty TNHH MTV Xăng dầu Lạng Sơn',
    'Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 1 (QUATEST 1)',
    'Hợp tác xã số 1/2',
    'Công ty CP Đầu tư, Xây dựng & Thương mại A.B.C',
    'Chi nhánh Viettel – Lạng Sơn',
    'Cửa hàng “Sao Việt”',
    '3M Việt Nam',
  ])('accepts the organisation name %s', (name) => {
    expect(textViolation(name, 'organizationName')).toBeNull();
  });

  it.each([
    ['a semicolon', "Công ty A'; DROP TABLE x; --"],
    ['a percent sign', 'Công ty 100%'],
    ['an angle bracket', 'Công ty <b>A</b>'],
  ])('refuses an organisation name with %s', (_label, name) => {
    expect(textViolation(name, 'organizationName')).toBe('NAME_CHARACTER');
  });
});

@InputType('PolicyPersonInput')
class PolicyPersonInput {
  @TextInput('personName')
  @Field(() => String)
  fullName!: string;

  @Field(() => [String], { nullable: true })
  codes?: string[] | null;

  @TextInput('text')
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType('PolicyTeamInput')
class PolicyTeamInput {
  @Field(() => [PolicyPersonInput])
  people!: PolicyPersonInput[];
}

const received: unknown[] = [];

@Resolver()
class PolicyResolver {
  @Query(() => Boolean)
  search(@Arg('search', () => String, { nullable: true }) search: string | null, @Arg('id', () => ID) id: string): boolean {
    received.push({ search, id });
    return true;
  }

  @TextArgs({ name: 'personName' })
  @Mutation(() => Boolean)
  addTeam(@Arg('team', () => PolicyTeamInput) team: PolicyTeamInput, @Arg('name', () => String) name: string): boolean {
    received.push({ team, name });
    return true;
  }
}

const schemaPromise = buildFederatedSchema({ resolvers: [PolicyResolver] });

async function run(source: string, variableValues: Record<string, unknown>) {
  received.length = 0;
  const result = await graphql({ schema: await schemaPromise, source, variableValues });
  return { errors: result.errors?.map((error) => toGraphQLError(error)), received: [...received] };
}

const ADD_TEAM = 'mutation($team: PolicyTeamInput!, $name: String!) { addTeam(team: $team, name: $name) }';

describe('the input policy at the boundary of every field', () => {
  it('refuses NUL in a plain argument before the resolver runs, naming the argument', async () => {
    const { errors, received } = await run('query($s: String, $id: ID!) { search(search: $s, id: $id) }', {
      s: 'a\u0000b',
      id: 'x',
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search', reason: 'CONTROL_CHARACTER' });
    expect(errors?.[0]?.message).toContain('"search"');
    expect(errors?.[0]?.extensions?.messageEn).toContain('"search"');
    expect(received).toEqual([]);
  });

  it('names the path of a refused value inside nested input objects and lists', async () => {
    const { errors, received } = await run(ADD_TEAM, {
      team: { people: [{ fullName: 'Nguyễn Văn A' }, { fullName: 'Trần B', codes: ['ok', 'x\u202Ey'] }] },
      name: 'Lê C',
    });
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'people[1].codes[1]',
      reason: 'BIDI_CONTROL',
    });
    expect(received).toEqual([]);
  });

  it('applies the person-name rule to a marked input field and a marked argument, not to other text', async () => {
    const nested = await run(ADD_TEAM, { team: { people: [{ fullName: 'Nguyễn Văn 2' }] }, name: 'Lê C' });
    expect(nested.errors?.[0]?.extensions).toMatchObject({ field: 'people[0].fullName', reason: 'NAME_CHARACTER' });
    const plain = await run(ADD_TEAM, { team: { people: [{ fullName: 'Lê C' }] }, name: 'Lê C\u200D' });
    expect(plain.errors?.[0]?.extensions).toMatchObject({ field: 'name', reason: 'INVISIBLE_CHARACTER' });
    const digits = await run(ADD_TEAM, { team: { people: [{ fullName: 'Lê C', codes: ['Mã 2'] }] }, name: 'Lê C' });
    expect(digits.errors).toBeUndefined();
  });

  it('passes every string on in NFC and keeps line feeds of free text', async () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n Ha\u0309i';
    const { errors, received } = await run(ADD_TEAM, {
      team: { people: [{ fullName: decomposed, codes: [decomposed], note: 'một\nhai' }] },
      name: decomposed,
    });
    expect(errors).toBeUndefined();
    expect(received).toEqual([
      {
        team: { people: [expect.objectContaining({ fullName: 'Nguyễn Văn Hải', codes: ['Nguyễn Văn Hải'], note: 'một\nhai' })] },
        name: 'Nguyễn Văn Hải',
      },
    ]);
  });

  it('checks literals written in the query as well as variables', async () => {
    const { errors } = await run('{ search(search: "a\\u202Eb", id: "1") }', {});
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search', reason: 'BIDI_CONTROL' });
  });
});
