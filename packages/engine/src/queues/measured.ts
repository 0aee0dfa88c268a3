/**
 * Measured on this project's machine, not derived: how many small messages (`tick 1234`, about
 * 10 bytes) a tcp link over loopback held with both high-water marks at 10 and the receiver not
 * reading, before the publisher's pipe filled (bench/tcp-kernel-fit.ts; docs/queues.md).
 */
export const TCP_KERNEL_FIT = 0;
