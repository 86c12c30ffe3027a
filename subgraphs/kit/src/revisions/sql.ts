import { REVISION_CHANNEL } from './protocol';

function raiseFunction(notify: 'none' | 'number' | 'labelled'): string {
  const announce = {
    none: '-- no notification',
    number: `perform pg_notify('${REVISION_CHANNEL}', raised::text);`,
    labelled: `perform pg_notify('${REVISION_CHANNEL}', "data_revision_now"());`,
  }[notify];
  return `create or replace function "raise_data_revision"() returns trigger language plpgsql as $$
      declare
        raised bigint;
      begin
        update "data_revision" set "revision" = "revision" + 1 where "id" = 1 returning "revision" into raised;
        ${announce}
        return null;
      end
    $$;`;
}

function triggerName(table: string): string {
  return `${table}_data_revision`;
}

/**
 * The statements of a migration that makes `raise_data_revision()` announce each new revision on
 * the `data_revision` channel (delivered when the writing transaction commits; the subgraphs'
 * `RevisionWatcher` listens) and raises it on changes of `tables` too. One place for the SQL
 * the subgraphs' migrations share; `down` restores the function without the notification.
 */
export function revisionNotifyMigration(tables: readonly string[]): { up: string[]; down: string[] } {
  return {
    up: [
      raiseFunction('number'),
      ...tables.map(
        (table) =>
          `create trigger "${triggerName(table)}" after insert or update or delete or truncate on "${table}" for each statement execute function "raise_data_revision"();`,
      ),
    ],
    down: [...tables.map((table) => `drop trigger if exists "${triggerName(table)}" on "${table}";`), raiseFunction('none')],
  };
}

/**
 * The epoch of a database's revisions (docs/CACHING.md, "Epochs"): a revision is written
 * `epoch:number`, and the epoch changes whenever the same number may stand for other data.
 * It is a digest of
 * - `data_revision.epoch`, a random UUID made with the row (and given to existing rows here): a
 *   recreated database starts a new epoch;
 * - the row's `tableoid`: a restore (pg_restore, psql of a dump) recreates the table, even in the
 *   same database and with the dump's old UUID, and PostgreSQL gives it a new oid;
 * - `pg_postmaster_start_time()`: every PostgreSQL start, so a failover to a replica, a restored
 *   physical backup or a rolled-back disk snapshot (each a server that starts) starts a new epoch.
 *
 * `data_revision_now()` is the one definition of the current `epoch:number`, used by the trigger's
 * notification, the watcher, the aggregate caches and mutation floors alike.
 */
export function revisionEpochMigration(): { up: string[]; down: string[] } {
  return {
    up: [
      // A volatile default is evaluated per existing row: the one row gets its own UUID.
      'alter table "data_revision" add column "epoch" uuid not null default gen_random_uuid();',
      `create function "data_revision_now"() returns text language sql stable as $$
        select substr(encode(sha256(convert_to(
                 r."epoch"::text || '/' || r."tableoid"::text || '/' || extract(epoch from pg_postmaster_start_time())::text,
                 'UTF8')), 'hex'), 1, 16) || ':' || r."revision"::text
        from "data_revision" r where r."id" = 1
      $$;`,
      raiseFunction('labelled'),
    ],
    down: [
      raiseFunction('number'),
      'drop function if exists "data_revision_now"();',
      'alter table "data_revision" drop column "epoch";',
    ],
  };
}
