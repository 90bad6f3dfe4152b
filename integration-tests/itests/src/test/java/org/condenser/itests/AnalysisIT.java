package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;


import org.condenser.api.analysis.Analyses;
import org.condenser.api.data.DataArray;
import org.condenser.api.instrument.Camera;
import org.condenser.api.instrument.CameraParameters;
import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.PropertyNames;
import org.condenser.api.instrument.ScanParameters;
import org.condenser.driver.sim.GroundTruth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * The runtime's analyses on the simulated STEM, against what the twin knows: the centre of mass of
 * a 4D-STEM scan taken through the public instrument service must follow the twin's deflection
 * field at the specimen point under each probe position (drift included).
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class AnalysisIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService(timeout = 20_000)
    Analyses analyses;

    @InjectService(timeout = 20_000)
    GroundTruth truth;

    @InjectService(filter = "(condenser.instrument.id=sim-stem)", timeout = 20_000)
    Instrument sim;

    @Test
    void theCentreOfMassOfTheTwinsScanFollowsItsKnownField() throws Exception {
        Camera camera = sim.capability(Camera.class).orElseThrow();
        ScanParameters scan = new ScanParameters(8, 8, 1e-9, 1e-3, 0);
        DataArray data = camera.acquireScan(scan, new CameraParameters(1e-3, 1));
        DataArray com = analyses.apply("com", data);
        assertThat(com.shape()).containsExactly(2, 8, 8);

        double start = ((Number) data.metadata().get("scan_start_clock_s")).doubleValue();
        double dwell = ((Number) data.metadata().get("dwell_time_s")).doubleValue();
        double worst = 0;
        double largest = 0;
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                double clock = start + (row * 8 + column) * dwell;
                double[] point = truth.specimenPoint(scan, row, column, truth.sensor(PropertyNames.STAGE_X, clock),
                        truth.sensor(PropertyNames.STAGE_Y, clock));
                double[] shift = truth.centreOfMassShift(point[0], point[1]); // (dy, dx)
                double x = com.getDouble(row * 8 + column);
                double y = com.getDouble(64 + row * 8 + column);
                worst = Math.max(worst, Math.hypot(x - shift[1], y - shift[0]));
                largest = Math.max(largest, Math.hypot(shift[0], shift[1]));
            }
        }
        assertThat(largest).as("the field deflects the beam visibly (px)").isGreaterThan(0.5);
        assertThat(worst).as("centre of mass within 0.1 px of the twin's field").isLessThan(0.1);
    }
}
