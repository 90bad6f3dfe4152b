package org.condenser.driver.sim.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanChannel;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.driver.sim.Atom;
import org.junit.jupiter.api.Test;

class TwinTest {

    private final Twin twin = new Twin(SimConfigs.still());

    @Test
    void theSameSeedGivesTheSameSpecimenAndAnotherSeedAnother() {
        List<Atom> atoms = twin.specimen.atoms();
        assertEquals(atoms, new Twin(SimConfigs.still()).specimen.atoms());
        assertNotEquals(atoms, new Twin(SimConfigs.with(Map.of("seed", 7L))).specimen.atoms());
        long silicon = atoms.stream().filter(a -> a.z() == Specimen.SILICON).count();
        long nitrogen = atoms.stream().filter(a -> a.z() == Specimen.NITROGEN).count();
        assertTrue(silicon > 50 && nitrogen > 150, silicon + " Si, " + nitrogen + " N");
        assertTrue(atoms.stream().allMatch(a -> a.x() <= twin.specimen.edgeX(a.y())), "no atom beyond the edge");
    }

    @Test
    void haadfShowsZContrastAndVacuumIsDark() {
        Atom silicon = atom(Specimen.SILICON);
        Atom carbon = atom(Specimen.CARBON);
        double ratio = twin.signals.haadf(silicon.x(), silicon.y()) / twin.signals.haadf(carbon.x(), carbon.y());
        // Z^1.7 gives 4.2 for the columns alone; the three carbon neighbours in the probe's tail lower it.
        assertTrue(ratio > 3 && ratio < 4.3, "silicon over carbon in HAADF: " + ratio);
        double maadfRatio = twin.signals.maadf(silicon.x(), silicon.y()) / twin.signals.maadf(carbon.x(), carbon.y());
        assertTrue(maadfRatio < ratio, "MAADF depends less on Z than HAADF");
        double vacuumX = twin.specimen.edgeX(0) + 2e-9;
        assertEquals(0, twin.signals.haadf(vacuumX, 0), 1e-9);
    }

    @Test
    void shotNoiseFallsWithPixelTime() {
        ScanParameters fast = new ScanParameters(64, 64, 2e-9, 1e-6, 0);
        ScanParameters slow = new ScanParameters(64, 64, 2e-9, 16e-6, 0);
        double fastNoise = relativeNoise(fast);
        double slowNoise = relativeNoise(slow);
        // Poisson: relative noise goes as 1/sqrt(dose); 16x the time is a quarter of the noise.
        assertEquals(4, fastNoise / slowNoise, 1.0);
    }

    /** Relative difference between two images of the same field: noise only, since nothing drifts. */
    private double relativeNoise(ScanParameters scan) {
        ScanImager imager = new ScanImager(twin);
        double[] a = imager.record(scan, List.of(ScanChannel.HAADF)).get(0).toDoubles();
        double[] b = imager.record(scan, List.of(ScanChannel.HAADF)).get(0).toDoubles();
        double difference = 0;
        double mean = 0;
        for (int i = 0; i < a.length; i++) {
            difference += (a[i] - b[i]) * (a[i] - b[i]);
            mean += a[i];
        }
        return Math.sqrt(difference / a.length / 2) / (mean / a.length);
    }

    @Test
    void driftMovesTheFieldBetweenFrames() {
        Twin drifting = new Twin(SimConfigs.with(Map.of("driftX", 1e-9, "driftY", 0.0)));
        double before = drifting.sensors.read(PropertyNames.STAGE_X, 0);
        double later = drifting.sensors.read(PropertyNames.STAGE_X, 10);
        assertEquals(10e-9, later - before, 1e-9, "1 nm/s for 10 s of the clock");
        ScanParameters scan = new ScanParameters(32, 32, 4e-9, 1e-3, 0);
        // One 32x32 frame at 1 ms per pixel takes about 1 s of simulated time: the field moves by 1 nm.
        double start = drifting.spend(0);
        new ScanImager(drifting).record(scan, List.of(ScanChannel.HAADF));
        assertTrue(drifting.clock() - start >= scan.frameTime());
    }

    @Test
    void eachLineIsScannedWhereTheDriftedSpecimenWasThen() {
        Twin drifting = new Twin(SimConfigs.with(Map.of("driftX", 2e-9, "driftY", 0.0)));
        // 24 lines of 24 pixels at 5 ms: 0.12 s a line, 2.9 s a frame, so the field moves 5.8 nm (a lattice
        // constant is 0.25 nm) while it is scanned.
        ScanParameters scan = new ScanParameters(24, 24, 2e-9, 5e-3, 0);
        double start = drifting.clock();
        DataArray image = new ScanImager(drifting).record(scan, List.of(ScanChannel.HAADF)).get(0);
        double lineTime = scan.width() * scan.pixelTime();
        double withDrift = 0;
        double without = 0;
        double stageX0 = drifting.sensors.read(PropertyNames.STAGE_X, start);
        double stageY0 = drifting.sensors.read(PropertyNames.STAGE_Y, start);
        for (int row = 0; row < 24; row++) {
            double clock = start + row * lineTime;
            double stageX = drifting.sensors.read(PropertyNames.STAGE_X, clock);
            double stageY = drifting.sensors.read(PropertyNames.STAGE_Y, clock);
            for (int column = 0; column < 24; column++) {
                double measured = image.getDouble(row * 24 + column);
                double[] moved = Twin.specimenPoint(scan, row, column, stageX, stageY);
                double[] still = Twin.specimenPoint(scan, row, column, stageX0, stageY0);
                withDrift += Math.abs(measured - expectedCounts(drifting, scan, moved, clock));
                without += Math.abs(measured - expectedCounts(drifting, scan, still, clock));
            }
        }
        assertTrue(withDrift * 3 < without, "the image matches the drifted specimen (" + withDrift
                + ") far better than the still one (" + without + ")");
    }

    private static double expectedCounts(Twin twin, ScanParameters scan, double[] point, double clock) {
        double electrons = twin.electronsPerSecond(clock) * scan.pixelTime();
        return electrons * (twin.config.haadfEfficiency() * twin.signals.haadf(point[0], point[1]) + 2e-4);
    }

    @Test
    void eelsShowsTheDopantsEdgeAndThePlasmonShiftsNearTheEdge() {
        EelsModel eels = new EelsModel(twin);
        Atom silicon = atom(Specimen.SILICON);
        Atom carbon = farFrom(Specimen.SILICON, Specimen.NITROGEN);
        double[] atSilicon = eels.expected(silicon.x(), silicon.y(), 1e6);
        double[] atCarbon = eels.expected(carbon.x(), carbon.y(), 1e6);
        int l23 = channel(EelsModel.SILICON_L23_EV + 3);
        assertTrue(atSilicon[l23] > 3 * atCarbon[l23], "a Si L2,3 edge at 99 eV over the silicon atom");
        int k = channel(EelsModel.CARBON_K_EV + 3);
        assertTrue(atCarbon[k] > atCarbon[channel(EelsModel.CARBON_K_EV - 8)], "a C K edge at 284 eV");

        double inside = twin.signals.plasmonEnergy(carbon.x(), carbon.y());
        double y = carbon.y();
        double nearEdge = twin.signals.plasmonEnergy(twin.specimen.edgeX(y) - 0.2e-9, y);
        assertTrue(inside - nearEdge > 1.5, "plasmon " + inside + " eV inside, " + nearEdge + " eV at the edge");
        assertEquals(inside, peakEnergy(atCarbon, 8, 30), 1.5, "the spectrum's plasmon peak is where the truth says");
        assertEquals(0, twin.signals.plasmonEnergy(twin.specimen.edgeX(0) + 3e-9, 0));
    }

    @Test
    void theCentreOfMassOfDiffractionFramesFollowsTheKnownField() {
        DiffractionModel diffraction = new DiffractionModel(twin);
        ScanParameters scan = new ScanParameters(8, 8, 1e-9, 1e-6, 0);
        DataArray data = diffraction.scan(scan, 1e-3, 1);
        assertArrayEquals(new int[] { 8, 8, 64, 64 }, data.shape());
        double worst = 0;
        double largestShift = 0;
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                double[] point = Twin.specimenPoint(scan, row, column, 0, 0);
                double[] truth = twin.signals.centreOfMassShift(point[0], point[1]);
                double[] measured = centreOfMass(data, (row * 8 + column) * 64 * 64);
                worst = Math.max(worst, Math.hypot(measured[0] - truth[0], measured[1] - truth[1]));
                largestShift = Math.max(largestShift, Math.hypot(truth[0], truth[1]));
            }
        }
        assertTrue(largestShift > 0.5, "the field deflects the beam visibly: " + largestShift + " px");
        assertTrue(worst < 0.1, "measured centre of mass within 0.1 px of the truth; worst " + worst);
    }

    @Test
    void aCameraFrameHasItsUnitsAndMetadata() throws Exception {
        DataArray frame = new SimCamera(twin).acquire(new CameraParameters(1e-3, 2));
        assertArrayEquals(new int[] { 32, 32 }, frame.shape());
        assertEquals("counts", frame.unit());
        assertEquals(60000.0, (Double) frame.metadata().get(PropertyNames.HIGH_TENSION), 5);
    }

    private static double[] centreOfMass(DataArray data, int offset) {
        double total = 0;
        double sy = 0;
        double sx = 0;
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 64; c++) {
                double v = data.getDouble(offset + r * 64 + c);
                total += v;
                sy += v * r;
                sx += v * c;
            }
        }
        return new double[] { sy / total - DiffractionModel.centre(1), sx / total - DiffractionModel.centre(1) };
    }

    private Atom atom(int z) {
        return twin.specimen.atoms().stream().filter(a -> a.z() == z && Math.abs(a.x()) < 20e-9 && Math.abs(a.y()) < 20e-9
                && twin.specimen.depthInside(a.x(), a.y()) > 3e-9 && isolated(a)).findFirst().orElseThrow();
    }

    /** An atom with no dopant within 1 nm, so its signals are its own. */
    private boolean isolated(Atom atom) {
        return twin.signals.nearby(atom.x(), atom.y(), Specimen.SILICON, 0.4e-9)
                + twin.signals.nearby(atom.x(), atom.y(), Specimen.NITROGEN, 0.4e-9) <= 1.05;
    }

    private Atom farFrom(int... kinds) {
        return twin.specimen.atoms().stream().filter(a -> a.z() == Specimen.CARBON
                && twin.specimen.depthInside(a.x(), a.y()) > 5e-9 && Math.abs(a.y()) < 20e-9
                && java.util.Arrays.stream(kinds).allMatch(k -> twin.signals.nearby(a.x(), a.y(), k, 0.3e-9) < 0.01))
                .findFirst().orElseThrow();
    }

    private static int channel(double energy) {
        return (int) ((energy - EelsModel.OFFSET_EV) / EelsModel.DISPERSION_EV);
    }

    private static double peakEnergy(double[] spectrum, double from, double to) {
        int best = channel(from);
        for (int i = channel(from); i <= channel(to); i++) {
            if (spectrum[i] > spectrum[best]) {
                best = i;
            }
        }
        return EelsModel.OFFSET_EV + (best + 0.5) * EelsModel.DISPERSION_EV;
    }
}
