package org.condenser.api.data;

/**
 * The EMD (HDF5) layouts Condenser writes. Which to choose: {@link #EMD_0_2} for files people open
 * in HyperSpy (every version reads it; Debian 12's HyperSpy 1.7 reads nothing newer);
 * {@link #EMD_1_0} for py4DSTEM and emdfile, which require 1.0.
 */
public enum EmdDialect {
    /** Berkeley EMD 0.2: {@code emd_group_type = 1} data groups with {@code data} and {@code dim1…dimN}. */
    EMD_0_2,
    /** EMD 1.0 (emdfile): a {@code root} group of {@code array} nodes with {@code dim0…dim(n-1)}. */
    EMD_1_0
}
