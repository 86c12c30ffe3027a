import type { ServerResponse } from 'node:http';
import { REVISION_HEARTBEAT_MS, revisionEvent } from './protocol';
import type { RevisionWatcher } from './watcher';

/**
 * A comment line this often tells the gateway the subgraph is alive (it drops a stream silent for
 * three times as long: `REVISION_STREAM_SILENCE_MS`) and keeps idle proxies from closing it.
 */
const HEARTBEAT_MS = REVISION_HEARTBEAT_MS;

/**
 * The revision stream (`GET /revisions`, gateway-signed): server-sent events carrying the
 * subgraph's data revision at once and at every change, `unknown` while the watcher has lost
 * the database. Open streams are ended by `close()` when the subgraph stops.
 */
export class RevisionStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly watcher: RevisionWatcher) {}

  serve(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.write(revisionEvent(this.watcher.current()));
    const unsubscribe = this.watcher.subscribe((revision) => res.write(revisionEvent(revision)));
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    this.open.add(res);
    const done = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(res);
    };
    res.on('close', done);
  }

  close(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}
