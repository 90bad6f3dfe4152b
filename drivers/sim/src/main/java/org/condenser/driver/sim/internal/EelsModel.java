package org.condenser.driver.sim.internal;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.Axis;
import org.condenser.api.data.DataArray;

/**
 * Electron energy-loss spectra of the twin at a specimen point: the zero-loss peak, the π and bulk
 * plasmons (whose energy and strength follow {@link Signals#plasmonEnergy} and
 * {@link Signals#plasmonIntensity}), a power-law background, and the core-loss edges of carbon
 * (K, 284 eV), silicon (L2,3, 99 eV) and nitrogen (K, 401 eV) weighted by the atoms near the probe.
 */
final class EelsModel {

    static final int CHANNELS = 1024;
    static final double OFFSET_EV = -10;
    static final double DISPERSION_EV = 0.5;
    static final double ZLP_SIGMA_EV = 0.17;
    static final double SILICON_L23_EV = 99;
    static final double CARBON_K_EV = 284;
    static final double NITROGEN_K_EV = 401;

    private final Twin twin;

    EelsModel(Twin twin) {
        this.twin = twin;
    }

    /** The spectrum's energy-loss axis. */
    static Axis energyAxis() {
        return new Axis("energy loss", "eV", OFFSET_EV, DISPERSION_EV, CHANNELS);
    }

    /** Expected counts per channel with the probe at (x, y), for a number of electrons. */
    double[] expected(double x, double y, double electrons) {
        Signals signals = twin.signals;
        double density = signals.density(x, y);
        double plasmonEnergy = signals.plasmonEnergy(x, y);
        double plasmonStrength = signals.plasmonIntensity(x, y);
        double silicon = signals.nearby(x, y, Specimen.SILICON, Signals.CORE_LOSS_SIGMA);
        double nitrogen = signals.nearby(x, y, Specimen.NITROGEN, Signals.CORE_LOSS_SIGMA);
        double carbon = signals.nearby(x, y, Specimen.CARBON, Signals.CORE_LOSS_SIGMA * 3) / 6;

        double[] spectrum = new double[CHANNELS];
        double zeroLoss = electrons * Math.exp(-0.1 * Math.min(density, 3));
        double bulk = electrons * 0.08 * plasmonStrength;
        double pi = electrons * 0.02 * Math.min(density, 3);
        add(spectrum, e -> gaussianBin(e, 0, ZLP_SIGMA_EV), zeroLoss);
        if (plasmonEnergy > 0) {
            add(spectrum, e -> drude(e, plasmonEnergy, 4.0), bulk);
            add(spectrum, e -> drude(e, 5.5, 1.8), pi);
            // The tail of multiple and single scattering above the plasmons, falling as E^-3.
            add(spectrum, e -> e > 25 ? Math.pow(e / 25, -3) : 0, bulk * 0.15);
        }
        add(spectrum, e -> edge(e, SILICON_L23_EV), electrons * 4e-3 * silicon);
        add(spectrum, e -> edge(e, CARBON_K_EV), electrons * 1.5e-3 * carbon);
        add(spectrum, e -> edge(e, NITROGEN_K_EV), electrons * 3e-3 * nitrogen);
        return spectrum;
    }

    DataArray spectrum(double[] point, double exposure, double clock, ShotNoise noise, Map<String, Object> metadata) {
        double[] expected = expected(point[0], point[1], twin.electronsPerSecond(clock) * exposure);
        float[] counts = new float[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            counts[i] = (float) noise.count(expected[i]);
        }
        metadata.put("exposure_s", exposure);
        metadata.put("specimen_x_m", point[0]);
        metadata.put("specimen_y_m", point[1]);
        return DataArray.ofFloats("EELS", counts, "counts", List.of(energyAxis()), metadata);
    }

    private interface Shape {
        double at(double energy);
    }

    /** Adds a shape scaled so that its sum over the channels is the given number of counts. */
    private static void add(double[] spectrum, Shape shape, double total) {
        if (!(total > 0)) {
            return;
        }
        double[] values = new double[CHANNELS];
        double sum = 0;
        for (int i = 0; i < CHANNELS; i++) {
            values[i] = Math.max(0, shape.at(OFFSET_EV + (i + 0.5) * DISPERSION_EV));
            sum += values[i];
        }
        if (sum <= 0) {
            return;
        }
        for (int i = 0; i < CHANNELS; i++) {
            spectrum[i] += total * values[i] / sum;
        }
    }

    /** The fraction of a narrow Gaussian falling in the channel centred at e (integrated, not sampled). */
    private static double gaussianBin(double e, double centre, double sigma) {
        double low = (e - DISPERSION_EV / 2 - centre) / (Math.sqrt(2) * sigma);
        double high = (e + DISPERSION_EV / 2 - centre) / (Math.sqrt(2) * sigma);
        return 0.5 * (erf(high) - erf(low));
    }

    /** A Drude plasmon loss function peaking near ep with width gamma. */
    private static double drude(double e, double ep, double gamma) {
        if (e <= 0) {
            return 0;
        }
        double d = e * e - ep * ep;
        return e * gamma * ep * ep / (d * d + e * e * gamma * gamma);
    }

    /** A sawtooth core-loss edge: a 1 eV wide onset at e0, then falling as (E/e0)^-3, over 150 eV. */
    private static double edge(double e, double e0) {
        if (e < e0 - 5 || e > e0 + 150) {
            return 0;
        }
        return Math.pow(Math.max(e, 1) / e0, -3) / (1 + Math.exp(-(e - e0) / 0.5));
    }

    /** Abramowitz and Stegun 7.1.26, accurate to 1.5e-7. */
    static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return sign * y;
    }
}
