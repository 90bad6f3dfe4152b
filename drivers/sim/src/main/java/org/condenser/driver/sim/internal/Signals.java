package org.condenser.driver.sim.internal;

/**
 * The physics of the twin, kept simple but with the right dependences: what each detector sees with
 * the probe at a specimen point. Everything here is noise-free and deterministic; noise is added by
 * the acquisitions, from the dose.
 */
final class Signals {

    /** Probe size (Gaussian sigma), m: a sub-ångström probe resolves the lattice. */
    static final double PROBE_SIGMA = 0.07e-9;
    /** The wider footprint of the MAADF signal, m. */
    static final double MAADF_SIGMA = 0.09e-9;
    /** Range over which the projected potential deflects the beam (4D-STEM centre of mass), m. */
    static final double POTENTIAL_SIGMA = 0.12e-9;
    /** Range of inelastic delocalisation for core losses, m. */
    static final double CORE_LOSS_SIGMA = 0.15e-9;
    /** Range over which a plasmon feels its surroundings, m. */
    static final double PLASMON_RANGE = 0.8e-9;
    /** Detector pixels of centre-of-mass shift per unit of potential gradient (the field's strength). */
    static final double COM_PIXELS_PER_GRADIENT = 0.9e-10;

    static final double BULK_PLASMON_EV = 15.0;
    /** Atoms per square metre of clean graphene, used to normalise local density. */
    private final double clean;
    private final Specimen specimen;

    Signals(Specimen specimen, double latticeConstant) {
        this.specimen = specimen;
        // Two atoms per hexagonal cell of area a^2 sqrt(3)/2.
        this.clean = 2 / (latticeConstant * latticeConstant * Math.sqrt(3) / 2);
    }

    Specimen specimen() {
        return specimen;
    }

    /** HAADF scattering at a point: Z^1.7 per atom, blurred by the probe (arbitrary units, ~1 on a C column). */
    double haadf(double px, double py) {
        double[] sum = { 0 };
        double s2 = 2 * PROBE_SIGMA * PROBE_SIGMA;
        specimen.near(px, py, 4 * PROBE_SIGMA, (dx, dy, z) -> sum[0] += zPower(z, 1.7) * Math.exp(-(dx * dx + dy * dy) / s2));
        return sum[0];
    }

    /** MAADF: weaker Z dependence (Z^1.3), broader, with a diffuse part from the lattice around. */
    double maadf(double px, double py) {
        double[] sum = { 0 };
        double s2 = 2 * MAADF_SIGMA * MAADF_SIGMA;
        specimen.near(px, py, 4 * MAADF_SIGMA, (dx, dy, z) -> sum[0] += zPower(z, 1.3) * Math.exp(-(dx * dx + dy * dy) / s2));
        return 0.6 * sum[0] + 0.25 * density(px, py);
    }

    private static double zPower(int z, double exponent) {
        return Math.pow(z / (double) Specimen.CARBON, exponent);
    }

    /** Local areal density relative to clean lattice (0 in vacuum, about 1 inside, less near vacancies and edges). */
    double density(double px, double py) {
        double[] sum = { 0 };
        double s2 = 2 * PLASMON_RANGE * PLASMON_RANGE / 4;
        specimen.near(px, py, 2 * PLASMON_RANGE, (dx, dy, z) -> sum[0] += Math.exp(-(dx * dx + dy * dy) / s2));
        // The Gaussian kernel integrates to pi * s2 over the plane.
        return sum[0] / (clean * Math.PI * s2);
    }

    /** Gaussian-weighted count of atoms of one kind near a point (about 1 with the probe on one). */
    double nearby(double px, double py, int kind, double sigma) {
        double[] sum = { 0 };
        double s2 = 2 * sigma * sigma;
        specimen.near(px, py, 4 * sigma, (dx, dy, z) -> {
            if (z == kind) {
                sum[0] += Math.exp(-(dx * dx + dy * dy) / s2);
            }
        });
        return sum[0];
    }

    /**
     * The beam's deflection, (dy, dx) in detector pixels: proportional to the gradient of a projected
     * potential built from Gaussians of weight Z^0.8 at each atom, pointing towards the atoms.
     */
    double[] centreOfMassShift(double px, double py) {
        double[] gradient = { 0, 0 };
        double s2 = POTENTIAL_SIGMA * POTENTIAL_SIGMA;
        specimen.near(px, py, 4 * POTENTIAL_SIGMA, (dx, dy, z) -> {
            double weight = Math.pow(z, 0.8) * Math.exp(-(dx * dx + dy * dy) / (2 * s2)) / s2;
            // d/dp of exp(-|a - p|^2 / 2s^2) = (a - p) / s^2 * exp(...): the beam is pulled towards the atom.
            gradient[0] += weight * dy;
            gradient[1] += weight * dx;
        });
        return new double[] { gradient[0] * COM_PIXELS_PER_GRADIENT, gradient[1] * COM_PIXELS_PER_GRADIENT };
    }

    /**
     * The plasmon peak energy: the bulk value inside the crystal, red-shifted near the edge (surface
     * plasmon) and shifted by dopants (up by silicon, down by nitrogen). 0 in vacuum.
     */
    double plasmonEnergy(double px, double py) {
        double density = density(px, py);
        if (density < 0.02) {
            return 0;
        }
        double depth = Math.max(0, specimen.depthInside(px, py));
        double edgeShift = -4.0 * Math.exp(-depth / 1.0e-9);
        double dopantShift = 1.5 * nearby(px, py, Specimen.SILICON, PLASMON_RANGE)
                - 1.0 * nearby(px, py, Specimen.NITROGEN, PLASMON_RANGE);
        return BULK_PLASMON_EV + edgeShift + dopantShift;
    }

    /** Plasmon strength relative to clean lattice: follows density, weaker at the edge, stronger near dopants. */
    double plasmonIntensity(double px, double py) {
        double density = density(px, py);
        if (density < 0.02) {
            return 0;
        }
        double depth = Math.max(0, specimen.depthInside(px, py));
        double dopants = nearby(px, py, Specimen.SILICON, PLASMON_RANGE) + nearby(px, py, Specimen.NITROGEN, PLASMON_RANGE);
        return density * (1 - 0.5 * Math.exp(-depth / 1.0e-9)) * (1 + 0.3 * dopants);
    }
}
