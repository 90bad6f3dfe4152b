package org.condenser.driver.daq.internal.merlin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.condenser.api.data.DType;

/**
 * The Quantum Detectors Merlin wire format: every message on either TCP channel is
 * {@code MPX,<length as 10 digits>,} (15 bytes) followed by {@code length} bytes. On the data
 * channel those bytes are the acquisition header ({@code HDR,} then tab-separated
 * {@code key:\tvalue} lines ending {@code End}) or a frame ({@code MQ1,} header of
 * {@code data_offset} bytes, then big-endian pixels).
 */
final class MerlinMessages {

    static final int PREFIX = 15;
    /** The largest message accepted: a 4×4-chip 24-bit frame is far below it. */
    static final int MAX_LENGTH = 64 << 20;

    /** An {@code MQ1} frame header. */
    record FrameHeader(long sequence, int dataOffset, int chips, int width, int height, DType dtype, String layout,
            String timestamp, double shutter, int counter) {
        int pixelBytes() {
            return width * height * dtype.bytes();
        }
    }

    private MerlinMessages() {
    }

    /** {@code MPX,%010d,} for a body of {@code length} bytes. */
    static byte[] prefix(int length) {
        return String.format(Locale.ROOT, "MPX,%010d,", length).getBytes(StandardCharsets.US_ASCII);
    }

    /** The body length a 15-byte prefix announces. */
    static int length(byte[] prefix) {
        String text = new String(prefix, 0, PREFIX, StandardCharsets.US_ASCII);
        if (!text.startsWith("MPX,") || text.charAt(14) != ',') {
            throw new IllegalArgumentException("a message must start 'MPX,<10 digits>,', not '" + printable(text) + "'");
        }
        long length;
        try {
            length = Long.parseLong(text.substring(4, 14));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the length '" + printable(text.substring(4, 14)) + "' is not 10 digits");
        }
        if (length < 4 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a message of " + length + " bytes is outside 4.." + MAX_LENGTH);
        }
        return (int) length;
    }

    /** The {@code MQ1} header at the start of {@code body}, checked against the body's length. */
    static FrameHeader frameHeader(byte[] body, int length) {
        // the header is padded to its data offset; its fields (some space-padded) come first
        String[] fields = new String(body, 0, Math.min(length, 2048), StandardCharsets.US_ASCII).split(",", 16);
        for (int i = 0; i < fields.length; i++) {
            fields[i] = fields[i].strip();
        }
        if (fields.length < 13 || !fields[0].equals("MQ1")) {
            throw new IllegalArgumentException("an MQ1 frame header needs 12 comma-separated fields before its padding, this one has " + (fields.length - 1));
        }
        long sequence = parse(fields[1], "sequence number");
        int offset = (int) parse(fields[2], "data offset");
        int chips = (int) parse(fields[3], "number of chips");
        int width = (int) parse(fields[4], "width");
        int height = (int) parse(fields[5], "height");
        DType dtype = switch (fields[6]) {
            case "U08" -> DType.UINT8;
            case "U16" -> DType.UINT16;
            case "U32" -> DType.UINT32;
            case "U01", "U64", "R64" -> throw new IllegalArgumentException("pixel type " + fields[6]
                    + " is not taken (set COUNTERDEPTH 6, 12 or 24 and FILEFORMAT 0, binary)");
            default -> throw new IllegalArgumentException("unknown pixel type '" + printable(fields[6]) + "'");
        };
        if (width < 1 || height < 1 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " pixels");
        }
        FrameHeader header = new FrameHeader(sequence, offset, chips, width, height, dtype, fields[7], fields[9],
                parseDouble(fields[10], "shutter time"), (int) parse(fields[11], "counter"));
        if (offset < 40 || offset + (long) header.pixelBytes() != length) {
            throw new IllegalArgumentException("frame " + sequence + ": data offset " + offset + " + " + width + "x" + height
                    + " " + fields[6] + " pixels (" + header.pixelBytes() + " bytes) do not make the message's " + length
                    + " bytes");
        }
        return header;
    }

    /** The acquisition header's {@code key: value} lines. */
    static Map<String, String> acquisitionHeader(byte[] body, int length) {
        String text = new String(body, 0, length, StandardCharsets.US_ASCII);
        if (!text.startsWith("HDR,")) {
            throw new IllegalArgumentException("an acquisition header must start 'HDR,'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.substring(4).split("\n")) {
            int colon = line.indexOf(":\t");
            if (colon > 0) {
                values.put(line.substring(0, colon).strip(), line.substring(colon + 2).strip());
            }
        }
        if (!text.stripTrailing().endsWith("End")) {
            throw new IllegalArgumentException("the acquisition header does not end with 'End'");
        }
        return values;
    }

    /** Frames the acquisition will hold, from its header. */
    static long framesInAcquisition(Map<String, String> header) {
        String value = header.get("Frames in Acquisition (Number)");
        if (value == null) {
            throw new IllegalArgumentException("the acquisition header has no 'Frames in Acquisition (Number)'");
        }
        return parse(value, "Frames in Acquisition");
    }

    private static long parse(String field, String what) {
        try {
            long value = Long.parseLong(field.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + printable(field) + "' is not a number");
        }
    }

    private static double parseDouble(String field, String what) {
        try {
            return Double.parseDouble(field.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + printable(field) + "' is not a number");
        }
    }

    static String printable(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
