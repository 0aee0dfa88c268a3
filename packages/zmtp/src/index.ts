export * from "./types.js";
export { ZmtpDecoder, decodeAll, PREVIEW_BYTES, MAX_COMMAND_BYTES } from "./decoder.js";
export { describeCommand, describeCurveCommand, describePlainCommand } from "./commands.js";
export { hex, parseHex, printable, utf8, concat } from "./bytes.js";
export * from "./pcap.js";
