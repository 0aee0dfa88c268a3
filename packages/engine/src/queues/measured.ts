/**
 * Measured on this project's machine, not derived: how many small messages (`tick 1234`, 10
 * bytes) a tcp link over loopback held with both high-water marks at 10 and the subscriber not
 * reading (bench/tcp-kernel-fit.ts, 2026-12-02, Linux 6.18, tcp_rmem max 32 MiB, tcp_wmem max
 * 4 MiB: 320 914 and 319 814 in two runs). Rounded: it is a note on the gauge, not a bound.
 * Larger messages fit fewer (the kernel counts bytes). docs/queues.md has the method.
 */
export const TCP_KERNEL_FIT = 320_000;
