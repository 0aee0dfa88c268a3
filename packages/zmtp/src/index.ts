export * from "./types.js";
export { ZmtpDecoder, decodeAll, PREVIEW_BYTES, MAX_COMMAND_BYTES } from "./decoder.js";
export { describeCommand, describeCurveCommand } from "./commands.js";
export { hex, parseHex, printable, utf8, concat } from "./bytes.js";
export * from "./pcap.js";
