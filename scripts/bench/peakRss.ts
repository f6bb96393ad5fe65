/** This process's RSS sampled every 100 ms from now: `peak()` is the highest seen, the present included. */
export function samplePeakRss(): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  sampler.unref();
  return {
    peak: () => Math.max(peak, process.memoryUsage().rss),
    stop: () => clearInterval(sampler),
  };
}
