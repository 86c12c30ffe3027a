import { ROLES, type Role } from '../identity/identity';
import type { Bilingual } from '../vocabulary/language';
import { ROLE_NAMES } from '../vocabulary/roles';
import { type AccessMatrix, type AccessRule, admits, type Visibility } from './matrix';

/** What each role is for (docs/RULES.md, "Roles"), for the head of docs/ROLES.md. */
const ROLE_DUTIES: Readonly<Record<Role, string>> = {
  admin: 'users and roles, plans and their targets; may do everything',
  trainer: 'plans courses and sessions, enrols trainees, records attendance and scores, issues certificates',
  trainee: 'sees their own courses, attendance and certificates',
  assessor: 'keeps the register of organisations, laboratories and standards; runs assessments; records MAP engagements',
  finance: 'plans the budget; records estimates, allocations, disbursements and contributions',
  viewer: 'reads the scorecard, budget execution and drill-down lists: aggregates only',
};

const VISIBILITY: Readonly<Record<Visibility, string>> = { full: 'whole', masked: 'masked', hidden: 'null' };

function cell(rule: AccessRule, role: Role): string {
  if (!admits(rule, [role], true)) return '—';
  return rule.when?.[role] ? '✓ if ¹' : '✓';
}

function conditions(rule: AccessRule): string {
  // Roles under the same condition share one entry: "trainee, viewer: is the holder (…)".
  const byText = new Map<string, { roles: Role[]; text: Bilingual }>();
  for (const [role, text] of Object.entries(rule.when ?? {}) as [Role, Bilingual][]) {
    const entry = byText.get(text.en) ?? { roles: [], text };
    entry.roles.push(role);
    byText.set(text.en, entry);
  }
  return [...byText.values()].map(({ roles, text }) => `${roles.join(', ')}: ${text.en} (${text.vi})`).join('; ');
}

function operationTable(kind: 'Query' | 'Mutation' | 'fields', rules: Readonly<Record<string, AccessRule>>): string[] {
  const names = Object.keys(rules).sort();
  if (names.length === 0) return [];
  const lines = [
    `| ${kind === 'Query' ? 'query' : kind === 'Mutation' ? 'mutation' : 'field'} | ${ROLES.join(' | ')} | anonymous | ¹ condition, checked by the service |`,
    `| --- | ${ROLES.map(() => ':-:').join(' | ')} | :-: | --- |`,
  ];
  for (const name of names) {
    const rule = rules[name] as AccessRule;
    const roles = ROLES.map((role) => cell(rule, role));
    lines.push(`| \`${name}\` | ${roles.join(' | ')} | ${rule.roles === 'public' ? '✓' : '—'} | ${conditions(rule)} |`);
  }
  return lines;
}

function personalTables(matrix: AccessMatrix): string[] {
  const personal = matrix.personal;
  if (!personal) return [];
  const relations = Object.keys(personal.relations);
  const lines = [
    `### ${matrix.subgraph}: personal fields (Decree 13/2023/NĐ-CP)`,
    '',
    'What a caller reads, by how they stand to the person (decided in this order; the first that holds):',
    '',
  ];
  for (const relation of relations) {
    const text = personal.relations[relation] as Bilingual;
    lines.push(`- **${relation}**: ${text.en} (${text.vi})`);
  }
  if (personal.records) lines.push('', `${personal.records.en} (${personal.records.vi})`);
  lines.push('', `| field | ${relations.join(' | ')} |`, `| --- | ${relations.map(() => ':-:').join(' | ')} |`);
  for (const [field, rule] of Object.entries(personal.fields).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${field}\` | ${relations.map((relation) => VISIBILITY[rule.sees[relation] ?? 'hidden']).join(' | ')} |`);
  }
  return [...lines, ''];
}

/** docs/ROLES.md, printed from the subgraphs' matrices and the four-eyes rules. */
export function renderRolesDocument(matrices: readonly AccessMatrix[]): string {
  const fourEyes = matrices.flatMap((matrix) => matrix.fourEyes ?? []);
  const lines = [
    '# Roles and what they may do (Vai trò và quyền)',
    '',
    "<!-- Printed from each subgraph's `src/access.ts` by `node scripts/launch.mjs compose`; do not edit. -->",
    '',
    'Generated from the role matrix each subgraph keeps as data (`subgraphs/<name>/src/access.ts`). Its',
    "resolvers carry their entry (`@Authorized(ACCESS.Mutation.createCourse)`), the kit's auth checker",
    'enforces it, a subgraph whose schema has a root field without an entry does not start, and',
    '`subgraphs/<name>/test/access-matrix.test.ts` calls every operation as every role and anonymously;',
    '`subgraphs/training/test/access-personal.test.ts` reads each personal field as each kind of caller.',
    '',
    '| role | vai trò | for |',
    '| --- | --- | --- |',
    ...ROLES.map((role) => `| \`${role}\` | ${ROLE_NAMES[role].vi} | ${ROLE_DUTIES[role]} |`),
    '',
    'Reading the tables: ✓ the role gate admits the role; ✓ if ¹ it admits it and the service then',
    'checks the condition (FORBIDDEN when it does not hold); — the gate refuses it with FORBIDDEN',
    "(`extensions.reason: 'ROLE'`). Anonymous callers get UNAUTHENTICATED except where the anonymous",
    'column says ✓. A caller holding several roles is admitted when any of them is.',
    '',
  ];
  for (const matrix of matrices) {
    lines.push(`## ${matrix.subgraph}`, '');
    for (const kind of ['Mutation', 'Query'] as const) {
      const table = operationTable(kind, matrix[kind]);
      if (table.length) lines.push(`### ${matrix.subgraph}: ${kind === 'Query' ? 'queries' : 'mutations'}`, '', ...table, '');
    }
    const fields = operationTable('fields', matrix.fields);
    if (fields.length) {
      lines.push(
        `### ${matrix.subgraph}: fields of entities that roles restrict`,
        '',
        'Wherever the entity is reached (a query, or a reference from another subgraph through the gateway),',
        'a refused role gets FORBIDDEN with the path of the field.',
        '',
        ...fields,
        '',
      );
    }
    lines.push(...personalTables(matrix));
  }
  lines.push(
    '## Four eyes (hai người)',
    '',
    "A four-eyes refusal is FORBIDDEN with `extensions.reason: 'FOUR_EYES'`, in Vietnamese with English",
    'in `extensions.messageEn`. It rests on who did the earlier step as stored with the record, not on',
    'any assignment of people to records.',
    '',
    '| operation | rule | status | why |',
    '| --- | --- | --- | --- |',
    ...fourEyes.map(
      (rule) =>
        `| \`${rule.field}\` | ${rule.rule.en} (${rule.rule.vi}) | ${rule.enforced ? 'enforced' : 'not added'} | ${rule.why} |`,
    ),
    '',
  );
  return lines.join('\n');
}
