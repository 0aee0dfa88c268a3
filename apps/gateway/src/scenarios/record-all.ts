/**
 * `pnpm record:scenarios [template…]`: runs every template in scenarios/ (or only those named) on
 * real sockets and writes scenarios/recordings/<template>.zmqrec plus index.json (what the player
 * lists, with each run's final counters). Run it again whenever a template changes; the recordings
 * test says so. Naming the changed templates leaves the other recordings as they are.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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

const all = templateNames();
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !all.includes(name));
if (unknown.length > 0) {
  console.error(`no template ${unknown.join(", ")} in scenarios/ (there are: ${all.join(", ")})`);
  process.exit(2);
}
const indexPath = join(RECORDINGS_DIR, INDEX_FILE);
// Only some asked for: the others' entries are kept, so the index stays whole.
const kept =
  asked.length > 0 && existsSync(indexPath)
    ? (JSON.parse(readFileSync(indexPath, "utf8")) as RecordingIndex).recordings
    : [];
const index: RecordingIndex = { messageBudget: SCENARIO_MESSAGE_BUDGET, recordings: [] };
mkdirSync(RECORDINGS_DIR, { recursive: true });
for (const template of all) {
  const old = kept.find((r) => r.template === template);
  if (asked.length > 0 && !asked.includes(template) && old) {
    index.recordings.push(old);
    continue;
  }
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
writeFileSync(indexPath, `${JSON.stringify(index, null, 2)}\n`);
const total = index.recordings.reduce((sum, r) => sum + r.bytes, 0);
console.log(`${index.recordings.length} recordings, ${total} bytes in all`);
process.exit(0);
