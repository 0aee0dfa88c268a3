/** `zmqp run --record OUT.zmqrec`: records every event of the run and writes the file at its end. */
import { access, constants, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { Runtime } from "@zmqp/engine";
import type { GraphDoc } from "@zmqp/protocol";
import { encodeRecording, Recorder } from "@zmqp/recording";
import { VERSION } from "../version.js";
import { UsageError } from "./common.js";

export interface RunRecording {
  /** Writes the file; a note on stderr says what was kept and sampled. */
  save(): Promise<void>;
}

export async function startRecording(
  runtime: Runtime,
  file: string,
  doc: GraphDoc,
): Promise<RunRecording> {
  const folder = dirname(resolve(file));
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new UsageError(
      `cannot record to ${file}: the folder ${folder} is missing or not writable`,
    );
  }
  const recorder = new Recorder({
    producer: { name: "zmqp run", version: VERSION },
    counters: () => runtime.counters(),
  });
  recorder.setDocument(doc, Date.now());
  const off = runtime.on((e) => recorder.push(e));
  return {
    async save() {
      off();
      const data = recorder.data(true);
      try {
        await writeFile(file, encodeRecording(data));
      } catch (error) {
        const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        throw new UsageError(`cannot write the recording ${file}: ${why}`, 1);
      }
      const c = data.manifest.counts;
      process.stderr.write(
        `zmqp: recorded ${c.entries} events (${c.messagesSeen} messages, ${c.messagesSampled} sampled) to ${file}\n`,
      );
    },
  };
}
