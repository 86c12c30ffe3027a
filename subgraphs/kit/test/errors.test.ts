import { buildSchema, GraphQLError, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError, loggableError, NotFoundError, toGraphQLError } from '../src/errors';
import { LocalDateScalar, MoneyScalar } from '../src/scalars';

const schema = buildSchema(`
  scalar Money
  scalar LocalDate
  input LineInput { plannedAmount: Money!, startsOn: LocalDate! }
  type Query { line(input: LineInput!): Boolean }
`);
Object.assign(schema.getType('Money') as object, {
  parseValue: MoneyScalar.parseValue,
  parseLiteral: MoneyScalar.parseLiteral,
  serialize: MoneyScalar.serialize,
});
Object.assign(schema.getType('LocalDate') as object, {
  parseValue: LocalDateScalar.parseValue,
  parseLiteral: LocalDateScalar.parseLiteral,
  serialize: LocalDateScalar.serialize,
});

async function inputError(input: Record<string, unknown>) {
  const result = await graphql({
    schema,
    source: 'query($input: LineInput!) { line(input: $input) }',
    variableValues: { input },
  });
  return toGraphQLError(result.errors?.[0]);
}

describe('errors leave coded and safe', () => {
  it('names the input field of a bad Money variable and codes it BAD_USER_INPUT', async () => {
    const error = await inputError({ plannedAmount: -5, startsOn: '2026-01-01' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'plannedAmount' });
    expect(error.message).toContain('Số tiền không hợp lệ');
  });

  it('codes a malformed LocalDate BAD_USER_INPUT with the field', async () => {
    const error = await inputError({ plannedAmount: 5, startsOn: '2026-13-01' });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
  });

  it('keeps a domain error’s code, Vietnamese message and English message', () => {
    const error = toGraphQLError(new GraphQLError('wrapped', { originalError: new NotFoundError('Plan', 'X', 'kế hoạch') }));
    expect(error.message).toBe('Không tìm thấy kế hoạch "X".');
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', messageEn: 'Plan "X" was not found.' });
  });

  it('hides an unexpected error behind INTERNAL_SERVER_ERROR without its message', () => {
    const error = toGraphQLError(new Error('relation "secret_table" does not exist'));
    expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toContain('secret_table');
  });

  it('lets a domain error carry details such as the field at fault', () => {
    const error = toGraphQLError(new DomainError('CONFLICT', 'Trùng.', 'Duplicate.', { over: '1' }));
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', over: '1' });
  });
});

describe('unexpected errors are logged without personal data', () => {
  it('keeps only the class, SQLSTATE, constraint and table of a database error', async () => {
    const { UniqueConstraintViolationException } = await import('@mikro-orm/core');
    const error = new UniqueConstraintViolationException(
      Object.assign(
        new Error('insert into "trainee" ("full_name", "citizen_id") values (\'Nguyễn Văn Hải\', \'001099012345\')'),
        {
          code: '23505',
          sqlState: '23505',
          constraint: 'trainee_citizen_id_unique',
          table: 'trainee',
          detail: 'Key (citizen_id)=(001099012345) already exists.',
        },
      ),
    );
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('trainee_citizen_id_unique');
    expect(logged).not.toContain('001099012345');
    expect(logged).not.toContain('Nguyễn Văn Hải');
  });
});
