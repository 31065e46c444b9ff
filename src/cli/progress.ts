import type { OutStream } from './io.js';

/** Minimum time between two progress updates, so a fast run does not flicker. */
const INTERVAL_MS = 250;

/**
 * A one-line progress display on stderr, for a TTY only (never in cron logs or pipes): rewrites
 * itself with "\r" and is cleared when done.
 */
export function progressLine(stream: OutStream, enabled: boolean, clock: () => number = Date.now) {
  let last = 0;
  let shown = false;
  return {
    /** `text` a function: made only when shown (a run updates after every batch; 4,000 at 1M). */
    update(text: string | (() => string)): void {
      if (!enabled) return;
      const now = clock();
      if (now - last < INTERVAL_MS) return;
      last = now;
      shown = true;
      stream.write(`\r\u001b[2K${typeof text === 'function' ? text() : text}`);
    },
    done(): void {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
