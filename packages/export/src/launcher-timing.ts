/**
 * How long each exported launcher (run_all.py, run-all.mjs) waits on its programs, one value for
 * both languages and the README that tells the person.
 */

/** For a program's ready line after it starts: Python or Node starting on a loaded machine. */
export const READY_WAIT_S = 15;

/**
 * For a program asked to stop (Ctrl-C) to end, before it is killed and its counters marked lost:
 * on a loaded machine ending a process, and Python's exit, take a while.
 */
export const STOP_GRACE_S = 10;
