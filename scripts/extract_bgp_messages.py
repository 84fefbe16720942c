#!/usr/bin/python3
"""Extracts every BGP message from pcap files into one binary file per message.

Reads classic pcap (Ethernet or Linux cooked capture), reassembles each TCP stream whose
port is 179 by sequence number, splits it into BGP messages by the header length field,
and writes them as OUTDIR/<capture>-<stream>-<index>-<type>.bin. Standard library only.

Usage: extract_bgp_messages.py OUTDIR CAPTURE.pcap...
"""
import os
import struct
import sys

BGP_PORT = 179
TYPE_NAMES = {1: "open", 2: "update", 3: "notification", 4: "keepalive", 5: "route-refresh"}
MARKER = b"\xff" * 16


def read_packets(path):
    """Yields (link_type, frame bytes) for every record of a classic pcap file."""
    with open(path, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        endian = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        endian = ">"
    else:
        raise ValueError(f"{path}: not a classic pcap file")
    link_type = struct.unpack(endian + "I", data[20:24])[0]
    offset = 24
    while offset + 16 <= len(data):
        incl_len = struct.unpack(endian + "I", data[offset + 8:offset + 12])[0]
        offset += 16
        yield link_type, data[offset:offset + incl_len]
        offset += incl_len


def ip_payload(link_type, frame):
    """Returns (version, src, dst, protocol, payload) or None for non-IP frames."""
    if link_type == 1:  # Ethernet, possibly with 802.1Q tags
        ether_type, offset = struct.unpack("!H", frame[12:14])[0], 14
        while ether_type == 0x8100:
            ether_type, offset = struct.unpack("!H", frame[offset + 2:offset + 4])[0], offset + 4
    elif link_type == 113:  # Linux cooked capture
        ether_type, offset = struct.unpack("!H", frame[14:16])[0], 16
    else:
        raise ValueError(f"unsupported link type {link_type}")
    packet = frame[offset:]
    if ether_type == 0x0800:
        header_len = (packet[0] & 0x0F) * 4
        total_len = struct.unpack("!H", packet[2:4])[0]
        return 4, packet[12:16], packet[16:20], packet[9], packet[header_len:total_len]
    if ether_type == 0x86DD:
        payload_len = struct.unpack("!H", packet[4:6])[0]
        return 6, packet[8:24], packet[24:40], packet[6], packet[40:40 + payload_len]
    return None


def collect_streams(path):
    """Maps (src, sport, dst, dport) to {sequence number: payload} for TCP port 179."""
    streams = {}
    for link_type, frame in read_packets(path):
        parsed = ip_payload(link_type, frame)
        if parsed is None or parsed[3] != 6:
            continue
        _, src, dst, _, segment = parsed
        sport, dport, seq = struct.unpack("!HHI", segment[:8])
        if BGP_PORT not in (sport, dport):
            continue
        payload = segment[(segment[12] >> 4) * 4:]
        if payload:
            streams.setdefault((src, sport, dst, dport), {})[seq] = payload
    return streams


def reassemble(segments):
    """Concatenates segments in sequence order, dropping retransmitted bytes."""
    ordered = sorted(segments.items())
    stream, next_seq = b"", ordered[0][0]
    for seq, payload in ordered:
        skip = (next_seq - seq) & 0xFFFFFFFF
        if skip >= len(payload):
            continue
        if seq != next_seq and skip == 0:
            raise ValueError("gap in TCP stream")
        stream += payload[skip:]
        next_seq = (seq + len(payload)) & 0xFFFFFFFF
    return stream


def split_messages(stream):
    offset = 0
    while offset + 19 <= len(stream):
        if stream[offset:offset + 16] != MARKER:
            raise ValueError(f"lost BGP framing at offset {offset}")
        length = struct.unpack("!H", stream[offset + 16:offset + 18])[0]
        if length < 19 or offset + length > len(stream):
            break
        yield stream[offset:offset + length]
        offset += length


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir = argv[1]
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for path in argv[2:]:
        capture = os.path.splitext(os.path.basename(path))[0]
        streams = collect_streams(path)
        for number, key in enumerate(sorted(streams)):
            for index, message in enumerate(split_messages(reassemble(streams[key]))):
                name = TYPE_NAMES.get(message[18], f"type{message[18]}")
                file_name = f"{capture}-s{number}-{index:03d}-{name}.bin"
                with open(os.path.join(out_dir, file_name), "wb") as f:
                    f.write(message)
                written += 1
    print(f"{written} messages written to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
