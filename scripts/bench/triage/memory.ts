/** This process's memory over the run (RSS sampled every 100 ms for the peak), the dev server's and the database's sizes. */
import { samplePeakRss } from '../peakRss';
import { childProcesses, sum, temporalServer } from '../harness';
import type { HistoryLoad } from './context';

export type MemoryFigures = Awaited<ReturnType<ReturnType<typeof sampleMemory>['stop']>>;

/** Starts sampling now; `stop` ends it and reads the figures at the end of the run. */
export function sampleMemory() {
  const memoryBefore = process.memoryUsage();
  const peakRss = samplePeakRss();
  return {
    async stop(sizes: HistoryLoad['sizes']) {
      peakRss.stop();
      const memoryAfter = process.memoryUsage();
      const childrenAfter = await childProcesses();
      return {
        processRssBefore: memoryBefore.rss,
        processRssAfter: memoryAfter.rss,
        processRssPeak: Math.max(peakRss.peak(), memoryAfter.rss),
        heapUsedBefore: memoryBefore.heapUsed,
        heapUsedAfter: memoryAfter.heapUsed,
        temporalServerRssAfter: sum(temporalServer(childrenAfter).map((c) => c.rssBytes)),
        databaseBytes: Number(sizes.database),
        workOrdersTableBytes: Number(sizes.work_orders),
        trigramIndexBytes: Number(sizes.trigram_index),
        eventsTableBytes: Number(sizes.events),
      };
    },
  };
}
