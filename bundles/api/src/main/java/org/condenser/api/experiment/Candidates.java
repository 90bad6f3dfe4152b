package org.condenser.api.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The points an experiment may measure and what is known of each before measuring: its position (for
 * a STEM, probe y and x as fractions of the scan field) and a feature vector (for example an embedding
 * of the image patch around it).
 *
 * @param positions one per candidate, all of the same length
 * @param features one per candidate, all of the same length (possibly 0)
 */
public record Candidates(List<double[]> positions, List<double[]> features) {

    public Candidates {
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one candidate point");
        }
        if (positions.size() != features.size()) {
            throw new IllegalArgumentException(positions.size() + " candidate positions but " + features.size()
                    + " feature vectors");
        }
        positions = copy(positions, "position");
        features = copy(features, "feature vector");
    }

    private static List<double[]> copy(List<double[]> rows, String what) {
        int length = rows.get(0).length;
        List<double[]> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            double[] row = rows.get(i);
            if (row.length != length) {
                throw new IllegalArgumentException("candidate " + i + ": its " + what + " has " + row.length
                        + " values, the first has " + length);
            }
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("candidate " + i + ": its " + what + " holds " + v);
                }
            }
            out.add(row.clone());
        }
        return Collections.unmodifiableList(out);
    }

    public int size() {
        return positions.size();
    }

    /** The candidate's position; a copy. */
    public double[] position(int index) {
        return positions.get(index).clone();
    }

    /** The candidate's features; a copy. */
    public double[] features(int index) {
        return features.get(index).clone();
    }

    /** The candidate at exactly this position, or -1. */
    public int indexOf(double[] position) {
        for (int i = 0; i < positions.size(); i++) {
            if (java.util.Arrays.equals(positions.get(i), position)) {
                return i;
            }
        }
        return -1;
    }
}
