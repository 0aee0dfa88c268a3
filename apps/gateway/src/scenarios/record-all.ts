/**
 * `pnpm record:scenarios`: runs every template in scenarios/ on real sockets and writes
 * scenarios/recordings/<template>.zmqrec plus index.json (what the player lists, with each run's
 * final counters). Run it again whenever a template changes; the recordings test says so.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeRecording } from "@zmqp/recording";
import { recordScenario, SCENARIO_MESSAGE_BUDGET } from "./record.js";
import {
  INDEX_FILE,
  loadTemplateDoc,
  RECORDINGS_DIR,
  templateNames,
  type RecordingIndex,
} from "./templates.js";

const index: RecordingIndex = { messageBudget: SCENARIO_MESSAGE_BUDGET, recordings: [] };
mkdirSync(RECORDINGS_DIR, { recursive: true });
for (const template of templateNames()) {
  const doc = loadTemplateDoc(template);
  const run = await recordScenario(doc);
  const bytes = encodeRecording(run.data);
  const file = `${template}.zmqrec`;
  writeFileSync(join(RECORDINGS_DIR, file), bytes);
  const c = run.data.manifest.counts;
  index.recordings.push({
    template,
    file,
    title: doc.title,
    bytes: bytes.length,
    durationMs: run.durationMs,
    messagesSeen: c.messagesSeen,
    messagesKept: c.messagesKept,
    messagesSampled: c.messagesSampled,
    counters: run.counters,
  });
  console.log(
    `${file}: ${bytes.length} bytes, ${run.durationMs} ms, ${c.messagesSeen} messages (${c.messagesSampled} sampled)`,
  );
}
writeFileSync(join(RECORDINGS_DIR, INDEX_FILE), `${JSON.stringify(index, null, 2)}\n`);
const total = index.recordings.reduce((sum, r) => sum + r.bytes, 0);
console.log(`${index.recordings.length} recordings, ${total} bytes in all`);
process.exit(0);
