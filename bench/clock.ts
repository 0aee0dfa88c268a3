/** Wall time and CPU time (every thread of the process, libzmq's I/O thread included) of a run. */
export interface Rate {
  /** Messages (or round trips) per second of wall time. */
  perS: number;
  /** CPU microseconds per message: steadier than wall time on a machine shared with other work. */
  cpuUs: number;
}

export function startClock(): (n: number) => Rate {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  return (n) => {
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    return { perS: n / s, cpuUs: (c.user + c.system) / n };
  };
}
