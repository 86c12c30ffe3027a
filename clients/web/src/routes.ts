/**
 * Hash routes (#/trainer, #/verify/<code>, …): the gateway proxies the paths /verify/* and
 * /certificates/* to the training subgraph, so the app's own pages live after the "#".
 */
export type Route =
  | { page: 'signin' }
  | { page: 'trainer' }
  | { page: 'course'; courseId: string }
  | { page: 'session'; sessionId: string }
  | { page: 'trainee' }
  | { page: 'verify'; code: string | null }
  | { page: 'dashboard' }
  | { page: 'notFound'; path: string };

function segment(value: string): string | null {
  try {
    const decoded = decodeURIComponent(value).trim();
    return decoded === '' ? null : decoded;
  } catch {
    return null;
  }
}

/** Reads a location hash ("#/verify/ABC") as a route; an empty hash is the sign-in page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\?.*$/, '');
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second, third] = parts;
  if (parts.length === 0 || (first === 'signin' && parts.length === 1)) return { page: 'signin' };
  if (first === 'trainer' && parts.length === 1) return { page: 'trainer' };
  if (first === 'trainer' && second === 'course' && third && parts.length === 3) {
    const courseId = segment(third);
    if (courseId) return { page: 'course', courseId };
  }
  if (first === 'trainer' && second === 'session' && third && parts.length === 3) {
    const sessionId = segment(third);
    if (sessionId) return { page: 'session', sessionId };
  }
  if (first === 'trainee' && parts.length === 1) return { page: 'trainee' };
  if (first === 'dashboard' && parts.length === 1) return { page: 'dashboard' };
  if (first === 'verify' && parts.length <= 2) return { page: 'verify', code: second ? segment(second) : null };
  return { page: 'notFound', path };
}

/** The hash of a route, the inverse of `parseRoute`. */
export function routeHref(route: Route): string {
  switch (route.page) {
    case 'signin':
      return '#/signin';
    case 'trainer':
      return '#/trainer';
    case 'course':
      return `#/trainer/course/${encodeURIComponent(route.courseId)}`;
    case 'session':
      return `#/trainer/session/${encodeURIComponent(route.sessionId)}`;
    case 'trainee':
      return '#/trainee';
    case 'verify':
      return route.code ? `#/verify/${encodeURIComponent(route.code)}` : '#/verify';
    case 'dashboard':
      return '#/dashboard';
    case 'notFound':
      return `#${route.path}`;
  }
}
