export { AttachSession, BadCaptureFile, type AttachOptions } from "./session.js";
export { CaptureError } from "./live/tcpdump.js";
export { ProcResolver } from "./live/procfs.js";
export { Observer, type ObserverOptions, type ObserverStats } from "./observer.js";
export { GraphBuilder } from "./graph/builder.js";
export { PcapReader, PcapFormatError, type PcapPacket } from "./pcap/reader.js";
export {
  parsePorts,
  portMatcher,
  bpfFilter,
  formatPorts,
  PortsError,
  type PortRange,
} from "./ports.js";
