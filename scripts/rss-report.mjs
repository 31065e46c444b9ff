// Preloaded by the benchmark (node --import): writes this process's peak RSS (KiB) to
// $BENCH_RSS_FILE when it exits, so the real binary is measured without changing it.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
