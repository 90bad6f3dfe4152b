package org.condenser.api.experiment;

/**
 * One completed measurement of a closed-loop experiment: where it was taken and the scalar it gave.
 *
 * @param position the point measured, in the experiment's coordinates (for example probe y, x)
 * @param value the scalarized result; finite
 */
public record Measurement(double[] position, double value) {

    public Measurement {
        position = position.clone();
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("measurement value " + value + " is not finite");
        }
    }

    @Override
    public double[] position() {
        return position.clone();
    }
}
