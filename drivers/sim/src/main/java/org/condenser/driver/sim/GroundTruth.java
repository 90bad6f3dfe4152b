package org.condenser.driver.sim;

import java.util.List;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.ScanParameters;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the simulated STEM knows and a real microscope never tells: the specimen itself and the
 * fields its signals come from. Registered beside the simulated instrument, for tests that check
 * an analysis against the truth, and for closed-loop benchmarks.
 *
 * <p>Coordinates are specimen coordinates in metres, the specimen centred on (0, 0). A scan's field
 * is centred on the stage position (x, y) plus the drift at the time of each line.
 */
@ProviderType
public interface GroundTruth {

    /** The simulated instrument's id. */
    String instrumentId();

    /** The seed the specimen was generated from; the same seed gives the same specimen. */
    long seed();

    /** Edge length of the square specimen area, m; beyond it is vacuum. */
    double specimenSize();

    /** Every atom, host and dopants. */
    List<Atom> atoms();

    /** The x beyond which the crystal ends at height y (the specimen's edge), m. */
    double edgeX(double y);

    /** Atomic number of the host lattice (carbon). */
    int hostZ();

    /**
     * Where the centre of mass of a 4D-STEM diffraction frame lies relative to the undeflected beam,
     * (dy, dx) in detector pixels, for the probe at a specimen point.
     */
    double[] centreOfMassShift(double x, double y);

    /** Energy of the bulk plasmon peak at a specimen point, eV (0 in vacuum). */
    double plasmonEnergy(double x, double y);

    /** Relative plasmon intensity at a specimen point, 0 in vacuum, about 1 in clean lattice. */
    double plasmonIntensity(double x, double y);

    /**
     * The EELS spectrum a spectrometer would record at a specimen point, before shot noise: expected
     * counts per channel for the beam's dose over an exposure at the current clock, on the same
     * energy axis as the instrument's spectra. The truth a scalarized spectrum is judged against.
     */
    DataArray expectedSpectrum(double x, double y, double exposure);

    /** The drift of the specimen relative to the column at a time of the simulated clock, (x, y) in m. */
    double[] drift(double clockSeconds);

    /** The simulated clock now, s since the instrument started. */
    double clock();

    /**
     * The specimen point under a pixel of a scan whose field was centred on the given stage position
     * (read the stage, drift included, at the time of the pixel's line with {@link #sensor}).
     *
     * @param scan the scan's size, field of view and rotation
     * @param row pixel row (y)
     * @param column pixel column (x)
     * @param stageX stage x when the scan ran, m
     * @param stageY stage y when the scan ran, m
     */
    double[] specimenPoint(ScanParameters scan, double row, double column, double stageX, double stageY);

    /** A sensor's noise-free value at a time of the simulated clock (high_tension, defocus, beam_current…). */
    double sensor(String property, double clockSeconds);
}
