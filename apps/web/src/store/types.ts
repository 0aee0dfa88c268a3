import type { GraphSlice } from "./graphSlice.js";
import type { QueuesSlice } from "./queuesSlice.js";
import type { RuntimeSlice } from "./runtimeSlice.js";
import type { UiSlice } from "./uiSlice.js";
import type { WireSlice } from "../wire/wireSlice.js";
import type { AttachSlice } from "../attach/attachSlice.js";
import type { ReplaySlice } from "../replay/replaySlice.js";

/** The one store: one slice per concern, read through narrow selectors. */
export type AppState = GraphSlice &
  RuntimeSlice &
  UiSlice &
  WireSlice &
  AttachSlice &
  QueuesSlice &
  ReplaySlice;
