/**
 * The committed template recordings (scenarios/recordings/, made by `pnpm record:scenarios` from
 * real runs): each opens, holds its template's current document, and replays to exactly the
 * counters the runtime had when its run ended. A stale recording fails here with what to run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeRecording, Replay, sameCounters, type RecordingData } from "@zmqp/recording";
import { describe, expect, it } from "vitest";
import {
  INDEX_FILE,
  loadTemplateDoc,
  RECORDINGS_DIR,
  templateNames,
  type RecordingIndex,
} from "./templates.js";

const STALE = "run pnpm record:scenarios";
const index = JSON.parse(readFileSync(join(RECORDINGS_DIR, INDEX_FILE), "utf8")) as RecordingIndex;

describe("scenarios/recordings", () => {
  it("has one recording per template, listed in the index", () => {
    expect(
      index.recordings.map((r) => r.template),
      STALE,
    ).toEqual(templateNames());
  });

  it("stays small: the whole set is well under 300 KB", () => {
    const total = index.recordings.reduce(
      (sum, r) => sum + readFileSync(join(RECORDINGS_DIR, r.file)).length,
      0,
    );
    expect(total).toBeLessThan(250 * 1024);
  });

  for (const entry of index.recordings) {
    describe(entry.template, () => {
      const bytes = readFileSync(join(RECORDINGS_DIR, entry.file));
      const read = decodeRecording(bytes);

      it("decodes", () => {
        expect(read.ok ? null : read.error.message).toBeNull();
        expect(bytes.length).toBe(entry.bytes);
      });

      it("holds the template's current document", () => {
        const data = (read as { data: RecordingData }).data;
        expect(
          data.document,
          `scenarios/${entry.template}.json changed: ${STALE} ${entry.template}`,
        ).toEqual(loadTemplateDoc(entry.template));
      });

      it("replays to exactly the counters the runtime had at the end, with what was sampled said", () => {
        const data = (read as { data: RecordingData }).data;
        const replay = new Replay(data);
        const end = replay.stateAt(replay.length).counters;
        expect(sameCounters(end, entry.counters as typeof end)).toBe(true);
        // Real traffic: something was counted, and the manifest agrees with the index.
        expect(entry.messagesSeen).toBeGreaterThan(0);
        expect(data.manifest.counts.messagesSampled).toBe(entry.messagesSampled);
        expect(data.manifest.counts.messagesKept + entry.messagesSampled).toBe(entry.messagesSeen);
      });
    });
  }
});
