/**
 * An incremental reader of classic libpcap files (what `tcpdump -w` writes): feed it the bytes as
 * they arrive (a pipe from tcpdump, a file read in chunks) and it returns the packets completed.
 * Both byte orders, microsecond (a1b2c3d4) and nanosecond (a1b23c4d) timestamps. A pcapng file
 * (Wireshark's default) is refused with the command that converts it. Memory is bounded: a record
 * claiming more than `maxRecordBytes` is an error, not an allocation.
 */

export interface PcapPacket {
  /** Epoch milliseconds (microsecond precision kept as a fraction). */
  t: number;
  /** The file's link type (LINKTYPE_ETHERNET = 1, NULL = 0, LINUX_SLL = 113…). */
  linkType: number;
  /** The captured bytes (may be shorter than the packet on the wire: `origLength`). */
  data: Uint8Array;
  origLength: number;
}

export class PcapFormatError extends Error {}

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const PCAPNG = 0x0a0d0d0a;

export class PcapReader {
  private buf: Uint8Array = new Uint8Array(0);
  private little = true;
  private nanos = false;
  private header = false;
  linkType = -1;
  snapLength = 0;
  packets = 0;

  constructor(private readonly maxRecordBytes = 16 * 1024 * 1024) {}

  /** Returns the packets this chunk completed; throws PcapFormatError on a file that is not pcap. */
  feed(chunk: Uint8Array): PcapPacket[] {
    this.buf = this.buf.length === 0 ? chunk : concat(this.buf, chunk);
    const out: PcapPacket[] = [];
    let at = 0;
    if (!this.header) {
      if (this.buf.length < 24) return out;
      this.readHeader();
      at = 24;
    }
    const v = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    while (this.buf.length - at >= 16) {
      const sec = v.getUint32(at, this.little);
      const frac = v.getUint32(at + 4, this.little);
      const incl = v.getUint32(at + 8, this.little);
      const orig = v.getUint32(at + 12, this.little);
      if (incl > this.maxRecordBytes)
        throw new PcapFormatError(
          `a packet record claims ${incl} bytes (more than ${this.maxRecordBytes}): the file is damaged`,
        );
      if (this.buf.length - at - 16 < incl) break;
      const data = this.buf.slice(at + 16, at + 16 + incl);
      const t = sec * 1000 + (this.nanos ? frac / 1e6 : frac / 1e3);
      out.push({ t, linkType: this.linkType, data, origLength: orig });
      at += 16 + incl;
    }
    this.packets += out.length;
    this.buf = this.buf.subarray(at);
    return out;
  }

  /** Bytes held waiting for the rest of a record. */
  get pending(): number {
    return this.buf.length;
  }

  private readHeader(): void {
    const v = new DataView(this.buf.buffer, this.buf.byteOffset, 24);
    const le = v.getUint32(0, true);
    const be = v.getUint32(0, false);
    if (le === PCAPNG)
      throw new PcapFormatError(
        "this is a pcapng file: convert it with `editcap -F pcap IN.pcapng OUT.pcap` (or `tcpdump -r IN.pcapng -w OUT.pcap`)",
      );
    if (le === MAGIC_US || le === MAGIC_NS) this.little = true;
    else if (be === MAGIC_US || be === MAGIC_NS) this.little = false;
    else
      throw new PcapFormatError(
        "not a pcap file (its first 4 bytes are not a libpcap magic number)",
      );
    this.nanos = (this.little ? le : be) === MAGIC_NS;
    this.snapLength = v.getUint32(16, this.little);
    // The upper bits of the link-type field carry FCS flags (pcap-savefile(5)); the type is the low 16.
    this.linkType = v.getUint32(20, this.little) & 0xffff;
    this.header = true;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
