/**
 * Races forced where they can be: a rival transaction holds the row the operation under test
 * needs, the test waits until the operation waits on it, and only then lets the rival commit.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { GraphQLResponse } from '@metrology/kit/testing';
import type { EntityManager } from '@mikro-orm/postgresql';

/** Rival certificates take year 1999, numbered in this file. */
let rivalSequence = 0;

/** Inserts a valid certificate the way a writer that bypasses the issuers' protocol would; its serial. */
export async function insertRivalCertificate(rival: EntityManager, enrolmentId: string): Promise<string> {
  rivalSequence++;
  const serial = `RIVAL-1999-${String(rivalSequence).padStart(5, '0')}`;
  await rival.execute(
    'insert into certificate (id, enrolment_id, serial, year, sequence, verification_code, holder_name, course_title, ' +
      'course_code, course_hours, course_start_date, course_end_date, issuer_name, signer_name, signer_title, issued_on, ' +
      "issued_at, pdf, sha256) values (?, ?, ?, 1999, ?, ?, 'Nguyễn Văn Hải', 'Khóa bồi dưỡng', 'K-1', 40, " +
      "'2026-01-05', '2026-01-09', 'Sở', 'Người ký', 'Giám đốc', '2026-01-10', now(), ?, repeat('0', 64))",
    [randomUUID(), enrolmentId, serial, rivalSequence, randomBytes(32).toString('base64url'), Buffer.from('%PDF-')],
  );
  return serial;
}

/** The race helpers over a test database's entity managers. */
export function rivals(em: () => EntityManager) {
  /** Resolves once a statement of this database waits on a lock (the operation met the rival's row). */
  async function untilSomeoneWaitsOnALock(): Promise<void> {
    const probe = em();
    for (let attempt = 0; attempt < 400; attempt++) {
      const [row] = await probe.execute<{ waiting: number }[]>(
        "select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (row.waiting > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the operation never waited on the rival row');
  }

  /**
   * Runs `operation` while a rival transaction (arranged by `hold`) holds what it needs, and
   * commits the rival once the operation waits on it.
   */
  async function againstRival<T>(
    hold: (rival: EntityManager) => Promise<void>,
    operation: () => Promise<GraphQLResponse<T>>,
  ): Promise<GraphQLResponse<T>> {
    let running: Promise<GraphQLResponse<T>> | undefined;
    await em().transactional(async (rival) => {
      await hold(rival);
      running = operation();
      await untilSomeoneWaitsOnALock();
    });
    if (!running) throw new Error('the operation did not start');
    return running;
  }

  return { untilSomeoneWaitsOnALock, againstRival };
}
