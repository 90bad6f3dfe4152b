package org.condenser.driver.daq.internal.ncem;

import java.util.Arrays;

/**
 * Counted 4D-STEM data in stempy's sparse layout: for each scan position, the flat detector-pixel
 * indices of its electron events (the {@code electron_events/frames} of a counted HDF5 file), with
 * the detector size ({@code Nx}, {@code Ny}) and the scan size. Thread safe per position: each
 * position is written by one frame.
 */
public final class CountedScan {

    private static final int[] NONE = new int[0];

    private final int scanWidth;
    private final int scanHeight;
    private final int detectorWidth;
    private final int detectorHeight;
    private final int[][] events;

    public CountedScan(int scanWidth, int scanHeight, int detectorWidth, int detectorHeight) {
        this.scanWidth = scanWidth;
        this.scanHeight = scanHeight;
        this.detectorWidth = detectorWidth;
        this.detectorHeight = detectorHeight;
        this.events = new int[Math.multiplyExact(scanWidth, scanHeight)][];
    }

    /** Records a position's events (the first {@code n} of {@code indices}, copied). */
    public void put(long position, int[] indices, int n) {
        if (position < 0 || position >= events.length) {
            throw new IllegalArgumentException("scan position " + position + " outside the " + scanWidth + "x" + scanHeight
                    + " scan");
        }
        events[(int) position] = Arrays.copyOf(indices, n);
    }

    /** A position's events; empty when it has none or was never recorded. */
    public int[] events(long position) {
        int[] at = events[(int) position];
        return at == null ? NONE : at.clone();
    }

    public boolean recorded(long position) {
        return events[(int) position] != null;
    }

    /** Events per position: the counted bright-field-like image (scanHeight x scanWidth). */
    public int[] eventsPerPosition() {
        int[] counts = new int[events.length];
        for (int i = 0; i < events.length; i++) {
            counts[i] = events[i] == null ? 0 : events[i].length;
        }
        return counts;
    }

    public int scanWidth() {
        return scanWidth;
    }

    public int scanHeight() {
        return scanHeight;
    }

    public int detectorWidth() {
        return detectorWidth;
    }

    public int detectorHeight() {
        return detectorHeight;
    }
}
