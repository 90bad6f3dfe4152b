package org.condenser.driver.sim;

/**
 * One atom of the simulated specimen.
 *
 * @param x position, m, in specimen coordinates (the specimen is centred on 0, 0)
 * @param y position, m
 * @param z atomic number
 */
public record Atom(double x, double y, int z) {
}
