package org.condenser.emd.internal;

import org.condenser.api.data.DType;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

/** HDF5 element types as Condenser's; anything else is named and refused. */
final class Hdf5Types {

    private Hdf5Types() {
    }

    static DType dtype(Dataset dataset) {
        DataType type = dataset.getDataType();
        if (type instanceof FloatingPoint) {
            return type.getSize() == 4 ? DType.FLOAT32 : DType.FLOAT64;
        }
        if (type instanceof FixedPoint fixed) {
            boolean signed = fixed.isSigned();
            return switch (type.getSize()) {
                case 1 -> signed ? DType.INT8 : DType.UINT8;
                case 2 -> signed ? DType.INT16 : DType.UINT16;
                case 4 -> signed ? DType.INT32 : DType.UINT32;
                case 8 -> DType.INT64;
                default -> throw new IllegalArgumentException(dataset.getPath() + ": integers of " + type.getSize()
                        + " bytes are not supported");
            };
        }
        throw new IllegalArgumentException(dataset.getPath() + ": " + type.getClass().getSimpleName()
                + " data are not numeric arrays");
    }
}
