package org.condenser.telemetry.pva.internal;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.PropertyDescriptor;
import org.condenser.api.instrument.ValueType;
import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;
import org.epics.pva.data.nt.PVAAlarm;
import org.epics.pva.data.nt.PVAAlarm.AlarmSeverity;
import org.epics.pva.data.nt.PVAAlarm.AlarmStatus;
import org.epics.pva.data.nt.PVATimeStamp;

/**
 * The EPICS normative types this server speaks: NTScalar for property values and figures (value,
 * alarm, time stamp, display with units, control and value-alarm limits from the property's
 * range), and NTNDArray for images and spectra. A PV's type is fixed when it is created; later
 * values fill the same structure.
 */
final class NormativeTypes {

    static final String NT_SCALAR = "epics:nt/NTScalar:1.0";
    static final String NT_NDARRAY = "epics:nt/NTNDArray:1.0";

    /** The NTNDArray value union's options, in the order the standard lists them. */
    private static final String[] ARRAY_OPTIONS = { "booleanValue", "byteValue", "shortValue", "intValue",
            "longValue", "ubyteValue", "ushortValue", "uintValue", "ulongValue", "floatValue", "doubleValue" };

    private NormativeTypes() {
    }

    /** An NTScalar for an instrument property, its limits from the descriptor. */
    static PVAStructure property(PropertyDescriptor descriptor) {
        double low = descriptor.minimum();
        double high = descriptor.maximum();
        return scalar(valueField(descriptor.type()), descriptor.description(), descriptor.unit(), low, high);
    }

    /** An NTScalar for a figure (a count or a rate) with no limits. */
    static PVAStructure figure(PVAData value, String description, String unit) {
        return scalar(value, description, unit, Double.NaN, Double.NaN);
    }

    private static PVAData valueField(ValueType type) {
        switch (type) {
        case DOUBLE:
            return new PVADouble("value", 0);
        case LONG:
            return new PVALong("value", false, 0);
        case BOOLEAN:
            return new PVABool("value", false);
        default:
            return new PVAString("value", ""); // strings, and vectors as their text
        }
    }

    private static PVAStructure scalar(PVAData value, String description, String unit, double low, double high) {
        boolean limited = Double.isFinite(low) && Double.isFinite(high);
        double displayLow = limited ? low : 0;
        double displayHigh = limited ? high : 0;
        return new PVAStructure("", NT_SCALAR, value,
                new PVAAlarm(AlarmSeverity.UNDEFINED, AlarmStatus.UNDEFINED, "no value yet"),
                new PVATimeStamp(PVATimeStamp.NO_TIME),
                new PVAStructure("display", "display_t", new PVADouble("limitLow", displayLow),
                        new PVADouble("limitHigh", displayHigh), new PVAString("description", description),
                        new PVAString("units", unit == null ? "" : unit), new PVAInt("precision", 4)),
                new PVAStructure("control", "control_t", new PVADouble("limitLow", displayLow),
                        new PVADouble("limitHigh", displayHigh), new PVADouble("minStep", 0)),
                new PVAStructure("valueAlarm", "valueAlarm_t", new PVABool("active", limited),
                        new PVADouble("lowAlarmLimit", displayLow), new PVADouble("lowWarningLimit", Double.NaN),
                        new PVADouble("highWarningLimit", Double.NaN), new PVADouble("highAlarmLimit", displayHigh),
                        new PVAInt("lowAlarmSeverity", AlarmSeverity.MAJOR.ordinal()),
                        new PVAInt("lowWarningSeverity", 0), new PVAInt("highWarningSeverity", 0),
                        new PVAInt("highAlarmSeverity", AlarmSeverity.MAJOR.ordinal()),
                        new PVADouble("hysteresis", 0)));
    }

    /**
     * Puts a value, its time and its alarm into an NTScalar: MAJOR outside the value-alarm limits,
     * INVALID when the instrument could not read it.
     */
    static void setScalar(PVAStructure structure, Object value, Instant time, String problem) throws Exception {
        PVAData field = structure.get("value");
        if (value != null) {
            if (field instanceof PVAString) {
                ((PVAString) field).set(String.valueOf(value));
            } else {
                field.setValue(value);
            }
        }
        PVATimeStamp.set(structure, time == null ? Instant.now() : time);
        AlarmSeverity severity = AlarmSeverity.NO_ALARM;
        AlarmStatus status = AlarmStatus.NO_STATUS;
        String message = "";
        PVAStructure limits = structure.get("valueAlarm");
        if (problem != null) {
            severity = AlarmSeverity.INVALID;
            status = AlarmStatus.DEVICE;
            message = problem;
        } else if (value instanceof Number && ((PVABool) limits.get("active")).get()) {
            double number = ((Number) value).doubleValue();
            double low = ((PVADouble) limits.get("lowAlarmLimit")).get();
            double high = ((PVADouble) limits.get("highAlarmLimit")).get();
            if (number < low || number > high) {
                severity = AlarmSeverity.MAJOR;
                status = AlarmStatus.RECORD;
                message = number < low ? "LOLO" : "HIHI";
            }
        }
        PVAStructure alarm = structure.get("alarm");
        ((PVAInt) alarm.get("severity")).set(severity.ordinal());
        ((PVAInt) alarm.get("status")).set(status.ordinal());
        ((PVAString) alarm.get("message")).set(message);
    }

    private static void stamp(PVAStructure timeStamp, Instant time) {
        ((PVALong) timeStamp.get(PVATimeStamp.SECONDS_PAST_EPOCH)).set(time.getEpochSecond());
        ((PVAInt) timeStamp.get(PVATimeStamp.NANOSECONDS)).set(time.getNano());
    }

    /** An empty NTNDArray, to be filled by {@link #setImage}. */
    static PVAStructure ndArray(String description) {
        // an element type holds no values: core-pva compares each element's type with it, values included
        PVAStructure dimension = new PVAStructure("", "dimension_t", new PVAInt("size", 0), new PVAInt("offset", 0),
                new PVAInt("fullSize", 0), new PVAInt("binning", 0), new PVABool("reverse", false));
        PVAStructure attribute = new PVAStructure("", "epics:nt/NTAttribute:1.0", new PVAString("name", ""),
                new PVAny("value"), new PVAString("descriptor", ""), new PVAInt("sourceType", 0),
                new PVAString("source", ""));
        return new PVAStructure("", NT_NDARRAY,
                new PVAUnion("value", "", -1, new PVABoolArray(ARRAY_OPTIONS[0]),
                        new PVAByteArray(ARRAY_OPTIONS[1], false), new PVAShortArray(ARRAY_OPTIONS[2], false),
                        new PVAIntArray(ARRAY_OPTIONS[3], false), new PVALongArray(ARRAY_OPTIONS[4], false),
                        new PVAByteArray(ARRAY_OPTIONS[5], true), new PVAShortArray(ARRAY_OPTIONS[6], true),
                        new PVAIntArray(ARRAY_OPTIONS[7], true), new PVALongArray(ARRAY_OPTIONS[8], true),
                        new PVAFloatArray(ARRAY_OPTIONS[9]), new PVADoubleArray(ARRAY_OPTIONS[10])),
                new PVAStructure("codec", "codec_t", new PVAString("name", ""), new PVAny("parameters")),
                new PVALong("compressedSize", false, 0), new PVALong("uncompressedSize", false, 0),
                new PVAStructureArray("dimension", dimension), new PVAInt("uniqueId", 0),
                new PVATimeStamp("dataTimeStamp"), new PVAStructureArray("attribute", attribute),
                new PVAString("descriptor", description),
                new PVAAlarm(AlarmSeverity.UNDEFINED, AlarmStatus.UNDEFINED, "no image yet"),
                new PVATimeStamp(PVATimeStamp.NO_TIME));
    }

    /**
     * Fills an NTNDArray with an image or spectrum, in its own element type. NTNDArray lists the
     * fastest-varying dimension first, the reverse of {@link DataArray#shape()}.
     */
    static void setImage(PVAStructure structure, DataArray array, int uniqueId, Instant time) throws Exception {
        ByteBuffer data = array.data().duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = (int) array.elements();
        PVAUnion value = structure.get("value");
        switch (array.dtype()) {
        case INT8:
        case UINT8: {
            byte[] values = new byte[n];
            data.get(values);
            value.set(array.dtype() == org.condenser.api.data.DType.INT8 ? 1 : 5, values);
            break;
        }
        case INT16:
        case UINT16: {
            short[] values = new short[n];
            data.asShortBuffer().get(values);
            value.set(array.dtype() == org.condenser.api.data.DType.INT16 ? 2 : 6, values);
            break;
        }
        case INT32:
        case UINT32: {
            int[] values = new int[n];
            data.asIntBuffer().get(values);
            value.set(array.dtype() == org.condenser.api.data.DType.INT32 ? 3 : 7, values);
            break;
        }
        case INT64: {
            long[] values = new long[n];
            data.asLongBuffer().get(values);
            value.set(4, values);
            break;
        }
        case FLOAT32: {
            float[] values = new float[n];
            data.asFloatBuffer().get(values);
            value.set(9, values);
            break;
        }
        default: {
            double[] values = new double[n];
            data.asDoubleBuffer().get(values);
            value.set(10, values);
        }
        }
        int[] shape = array.shape();
        PVAStructureArray dimensions = structure.get("dimension");
        PVAStructure[] elements = new PVAStructure[shape.length];
        for (int d = 0; d < shape.length; d++) {
            PVAStructure dimension = dimensions.getElementType().cloneData();
            int size = shape[shape.length - 1 - d];
            ((PVAInt) dimension.get("size")).set(size);
            ((PVAInt) dimension.get("fullSize")).set(size);
            ((PVAInt) dimension.get("binning")).set(1);
            elements[d] = dimension;
        }
        dimensions.set(elements);
        long bytes = (long) n * array.dtype().bytes();
        ((PVALong) structure.get("compressedSize")).set(bytes);
        ((PVALong) structure.get("uncompressedSize")).set(bytes);
        ((PVAInt) structure.get("uniqueId")).set(uniqueId);
        ((PVAString) structure.get("descriptor")).set(array.name() + (array.unit().isEmpty() ? "" : " (" + array.unit() + ")"));
        stamp(structure.get("dataTimeStamp"), time);
        PVATimeStamp.set(structure, time);
        PVAStructure alarm = structure.get("alarm");
        ((PVAInt) alarm.get("severity")).set(AlarmSeverity.NO_ALARM.ordinal());
        ((PVAInt) alarm.get("status")).set(AlarmStatus.NO_STATUS.ordinal());
        ((PVAString) alarm.get("message")).set("");
    }
}
