import { GraphQLError, Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MoneyScalar } from '../src/scalars';

describe('Money scalar', () => {
  it('serialises the plan total 16,925,000,000 VND exactly, beyond 32-bit Int', () => {
    expect(MoneyScalar.serialize(16_925_000_000n)).toBe(16925000000);
  });

  it('accepts whole đồng as a JSON integer or a string of digits', () => {
    expect(MoneyScalar.parseValue(7_500_000_000)).toBe(7_500_000_000n);
    expect(MoneyScalar.parseValue('3425000000')).toBe(3_425_000_000n);
    expect(MoneyScalar.parseLiteral({ kind: Kind.INT, value: '16925000000' })).toBe(16_925_000_000n);
  });

  it.each([
    ['a negative amount', -1],
    ['a fraction', 1000.5],
    ['a fraction as a string', '1000.5'],
    ['an absurd size', '10000000000000001'],
    ['an unsafe integer', 2 ** 60],
    ['text', 'một nghìn'],
    ['a boolean', true],
  ])('refuses %s with BAD_USER_INPUT', (_label, value) => {
    let error: unknown;
    try {
      MoneyScalar.parseValue(value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses to serialise a value it cannot carry exactly', () => {
    expect(() => MoneyScalar.serialize(2n ** 60n)).toThrow(GraphQLError);
  });
});
