/** Runs `hostile.py` (a wrong peer) to its end. Test support only. */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PYTHON } from "./harness.js";

const SCRIPT = fileURLToPath(new URL("./hostile.py", import.meta.url));

export function hostile(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, ...args], { timeout: 15_000 }, (err, stdout, stderr) =>
      err
        ? reject(new Error(`hostile.py ${args.join(" ")}: ${err.message}\n${stderr}`))
        : resolve(),
    );
  });
}

/** The first reproduction: `b"\x01\x00" * 4` over raw TCP (a ZMTP 1.0 peer's empty frames). */
export const rawEmptyFrames = (port: number) =>
  hostile("raw", "127.0.0.1", String(port), "0100".repeat(4));

/** The classic learner mistake: a DEALER sending to a REP without the empty delimiter. */
export const dealerNoDelimiter = (port: number) =>
  hostile("zmq", "DEALER", `tcp://127.0.0.1:${port}`, "no-delimiter");
