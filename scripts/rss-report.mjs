// Preloaded by the benchmark (node --import): writes this process's peak RSS (KiB) and the CPU time
// it used (user and system, seconds, all threads) to $BENCH_RSS_FILE when it exits, so the real
// binary is measured without changing it. CPU time moves less than wall time on a shared machine.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRssKiB: u.maxRSS, cpuS: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
