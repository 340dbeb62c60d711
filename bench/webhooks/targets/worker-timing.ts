// Shared by the worker targets, so both are timed by the same code.

/**
 * Call once per execution. The first `warmup` executions are not timed (JIT, connection set-up);
 * then `n` are, and the target prints `done <wall ms> <cpu µs>` for them. The CPU time (user +
 * system of this process) does not grow when other processes share the core, the wall time does.
 */
export function executionCounter(n: number, warmup: number): () => void {
  let count = 0;
  let started = 0;
  let cpu: NodeJS.CpuUsage | undefined;
  return () => {
    count++;
    if (count === warmup + 1) {
      started = performance.now();
      cpu = process.cpuUsage();
    }
    if (count === warmup + n) {
      const used = process.cpuUsage(cpu);
      console.log(`done ${performance.now() - started} ${used.user + used.system}`);
    }
  };
}

// `node --cpu-prof` writes its profile only on a normal exit: the bench stops profiled targets
// with SIGTERM.
process.once('SIGTERM', () => process.exit(0));
