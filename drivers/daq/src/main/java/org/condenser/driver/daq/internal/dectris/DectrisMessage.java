package org.condenser.driver.daq.internal.dectris;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Codec;
import org.condenser.api.data.DType;

/**
 * The three messages of a DECTRIS SIMPLON stream v2 (CBOR maps whose {@code type} is
 * {@code start}, {@code image} or {@code end}), parsed and checked: what is missing, of the wrong
 * type, tagged unknown or inconsistent is refused with a message naming it. Pixel payloads stay as
 * slices of the message (compressed ones stay compressed).
 */
sealed interface DectrisMessage {

    long seriesId();

    /** {@code start}: what the series will be. */
    record Start(long seriesId, String seriesUid, long numberOfImages, int width, int height, DType dtype,
            Map<String, Object> metadata) implements DectrisMessage {
    }

    /** One channel's pixels of an {@code image}: shape (height, width), element type, codec, bytes. */
    record Pixels(String channel, int height, int width, DType dtype, Codec codec, ByteBuffer bytes) {
        long decodedBytes() {
            return (long) height * width * dtype.bytes();
        }
    }

    /** {@code image}: one frame, each channel's pixels. */
    record Image(long seriesId, String seriesUid, long imageId, List<Pixels> channels, double[] realTime)
            implements DectrisMessage {
    }

    /** {@code end}: the series is over. */
    record End(long seriesId, String seriesUid) implements DectrisMessage {
    }

    static DectrisMessage parse(ByteBuffer message) {
        Object item = Cbor.read(message);
        if (item instanceof Cbor.Tagged tagged && tagged.tag() == 55799) {
            item = tagged.value(); // the self-describe tag some encoders put first
        }
        if (!(item instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a stream message must be a CBOR map, not " + kind(item));
        }
        Object type = map.get("type");
        long series = number(map, "series_id");
        String uid = map.get("series_unique_id") instanceof String s ? s : "";
        return switch (String.valueOf(type)) {
            case "start" -> new Start(series, uid, number(map, "number_of_images"), (int) number(map, "image_size_x"),
                    (int) number(map, "image_size_y"), dtype(String.valueOf(map.get("image_dtype"))), plain(map));
            case "image" -> new Image(series, uid, number(map, "image_id"), channels(map), rational(map.get("real_time")));
            case "end" -> new End(series, uid);
            default -> throw new IllegalArgumentException("unknown message type '" + type + "'");
        };
    }

    private static List<Pixels> channels(Map<?, ?> message) {
        if (!(message.get("data") instanceof Map<?, ?> data) || data.isEmpty()) {
            throw new IllegalArgumentException("an image message without data");
        }
        List<Pixels> channels = new ArrayList<>();
        for (Map.Entry<?, ?> entry : data.entrySet()) {
            channels.add(pixels(String.valueOf(entry.getKey()), entry.getValue()));
        }
        return channels;
    }

    /** {@code 40([[height, width], typed array])}, the typed array holding bytes or a 56500-tagged compressed payload. */
    private static Pixels pixels(String channel, Object value) {
        if (!(value instanceof Cbor.Tagged array) || array.tag() != 40) {
            throw new IllegalArgumentException("channel " + channel + ": expected a multi-dimensional array (tag 40), got "
                    + kind(value));
        }
        if (!(array.value() instanceof List<?> parts) || parts.size() != 2 || !(parts.get(0) instanceof List<?> dims)
                || dims.size() != 2) {
            throw new IllegalArgumentException("channel " + channel + ": tag 40 must hold [[height, width], array]");
        }
        int height = positive(channel, dims.get(0));
        int width = positive(channel, dims.get(1));
        if (!(parts.get(1) instanceof Cbor.Tagged typed)) {
            throw new IllegalArgumentException("channel " + channel + ": the array is not a typed array");
        }
        DType dtype = switch ((int) typed.tag()) {
            case 64 -> DType.UINT8;
            case 69 -> DType.UINT16;
            case 70 -> DType.UINT32;
            case 85 -> DType.FLOAT32;
            default -> throw new IllegalArgumentException("channel " + channel + ": typed-array tag " + typed.tag()
                    + " is not a little-endian type Condenser takes (64, 69, 70, 85)");
        };
        Object content = typed.value();
        if (content instanceof ByteBuffer raw) {
            long expected = (long) height * width * dtype.bytes();
            if (raw.remaining() != expected) {
                throw new IllegalArgumentException("channel " + channel + ": " + raw.remaining() + " bytes for "
                        + height + "x" + width + " " + dtype + " (" + expected + " expected)");
            }
            return new Pixels(channel, height, width, dtype, Codec.NONE, raw);
        }
        if (content instanceof Cbor.Tagged compressed && compressed.tag() == 56500
                && compressed.value() instanceof List<?> spec && spec.size() == 3 && spec.get(2) instanceof ByteBuffer bytes) {
            Codec codec = switch (String.valueOf(spec.get(0))) {
                case "bslz4" -> Codec.BSLZ4;
                case "lz4" -> Codec.LZ4;
                default -> throw new IllegalArgumentException("channel " + channel + ": compression '" + spec.get(0)
                        + "' is not bslz4 or lz4");
            };
            if (codec == Codec.BSLZ4 && (!(spec.get(1) instanceof Long size) || size != dtype.bytes())) {
                throw new IllegalArgumentException("channel " + channel + ": bslz4 element size " + spec.get(1)
                        + " does not match " + dtype);
            }
            return new Pixels(channel, height, width, dtype, codec, bytes);
        }
        throw new IllegalArgumentException("channel " + channel + ": the typed array holds " + kind(content)
                + ", neither bytes nor a compressed payload (tag 56500)");
    }

    static DType dtype(String name) {
        return switch (name) {
            case "uint8" -> DType.UINT8;
            case "uint16" -> DType.UINT16;
            case "uint32" -> DType.UINT32;
            case "float32" -> DType.FLOAT32;
            default -> throw new IllegalArgumentException("image_dtype '" + name + "' is not uint8, uint16, uint32 or float32");
        };
    }

    private static long number(Map<?, ?> map, String key) {
        if (!(map.get(key) instanceof Long value)) {
            throw new IllegalArgumentException(key + " is missing or not an integer (" + kind(map.get(key)) + ")");
        }
        return value;
    }

    private static int positive(String channel, Object value) {
        if (!(value instanceof Long n) || n <= 0 || n > 1 << 16) {
            throw new IllegalArgumentException("channel " + channel + ": dimension " + value + " is not a positive size");
        }
        return n.intValue();
    }

    private static double[] rational(Object value) {
        if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Long num
                && pair.get(1) instanceof Long den && den != 0) {
            return new double[] { num, den };
        }
        return new double[0];
    }

    private static Map<String, Object> plain(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof String || v instanceof Number || v instanceof Boolean) {
                out.put(String.valueOf(k), v);
            }
        });
        return out;
    }

    private static String kind(Object value) {
        return value == null ? "nothing" : value instanceof Cbor.Tagged t ? "tag " + t.tag() : value.getClass().getSimpleName();
    }
}
