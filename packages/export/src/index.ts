export {
  exportGraph,
  exportName,
  EXPORT_LANGUAGES,
  PROGRAM_EXT,
  type ExportLanguage,
  type ExportOptions,
  type ExportResult,
} from "./export.js";
export { canvasPart } from "./mixed.js";
export {
  connectSnippets,
  SNIPPET_PEER,
  type Snippet,
  type SnippetLanguage,
  type SnippetOptions,
  type SnippetPlan,
  type SnippetResult,
} from "./snippets.js";
export { BEHAVIOUR_EXPORTS } from "./behaviours/index.js";
