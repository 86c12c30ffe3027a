import { WebCourseRosterDocument } from '@metrology/sdk';
import { request } from './client';
import type { RosterEntry } from './types';

/** The whole roster of a course, page after page (200 at a time, the server's largest page). */
export async function loadRoster(courseId: string): Promise<RosterEntry[]> {
  const entries: RosterEntry[] = [];
  for (;;) {
    const data = await request(WebCourseRosterDocument, { courseId, offset: entries.length });
    entries.push(...data.courseRoster.items);
    if (data.courseRoster.items.length === 0 || entries.length >= data.courseRoster.total) return entries;
  }
}
