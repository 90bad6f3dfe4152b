package org.condenser.driver.thermofisher.internal;

import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DType;
import org.condenser.api.data.DataArray;

/**
 * Images as the temscript server sends them ({@code width, height, type, endianness, encoding:
 * BASE64, data}) into little-endian {@link DataArray}s. A type, encoding or length that does not
 * add up is refused, naming the detector and what was wrong.
 */
final class TemImages {

    private TemImages() {
    }

    static DataArray decode(String detector, Object received, List<Axis> axesTemplate, Map<String, Object> metadata) {
        if (!(received instanceof Map<?, ?> image)) {
            throw new IllegalArgumentException(detector + ": the server sent no image");
        }
        int width = integer(detector, image, "width");
        int height = integer(detector, image, "height");
        if (!"BASE64".equals(image.get("encoding"))) {
            throw new IllegalArgumentException(detector + ": encoding " + image.get("encoding") + " is not BASE64");
        }
        String type = String.valueOf(image.get("type"));
        DType dtype = switch (type) {
            case "UINT8" -> DType.UINT8;
            case "INT8" -> DType.INT8;
            case "UINT16" -> DType.UINT16;
            case "INT16" -> DType.INT16;
            case "UINT32" -> DType.UINT32;
            case "INT32" -> DType.INT32;
            case "INT64" -> DType.INT64;
            case "FLOAT32" -> DType.FLOAT32;
            case "FLOAT64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException(detector + ": image type " + type + " is not supported");
        };
        ByteOrder order = switch (String.valueOf(image.get("endianness"))) {
            case "LITTLE" -> ByteOrder.LITTLE_ENDIAN;
            case "BIG" -> ByteOrder.BIG_ENDIAN;
            default -> throw new IllegalArgumentException(detector + ": endianness " + image.get("endianness")
                    + " is neither LITTLE nor BIG");
        };
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(String.valueOf(image.get("data")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(detector + ": the image data is not valid base64: " + e.getMessage());
        }
        long expected = (long) width * height * dtype.bytes();
        if (bytes.length != expected) {
            throw new IllegalArgumentException(detector + ": " + bytes.length + " bytes for a " + width + "x" + height
                    + " " + type + " image (" + expected + " expected)");
        }
        List<Axis> axes = List.of(resize(axesTemplate.get(0), height), resize(axesTemplate.get(1), width));
        return DataArray.ofBytes(detector, dtype, bytes, order, "counts", axes, metadata);
    }

    private static Axis resize(Axis axis, int size) {
        return new Axis(axis.name(), axis.unit(), axis.offset(), axis.step(), size);
    }

    private static int integer(String detector, Map<?, ?> image, String key) {
        if (!(image.get(key) instanceof Number n) || n.doubleValue() < 1 || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(detector + ": image " + key + " " + image.get(key)
                    + " is not a positive integer");
        }
        return n.intValue();
    }
}
