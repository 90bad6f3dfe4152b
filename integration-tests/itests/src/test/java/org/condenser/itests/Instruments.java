package org.condenser.itests;

import org.condenser.api.instrument.Instrument;
import org.condenser.api.instrument.InstrumentDriver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The public instrument service of one id, as other bundles find it. */
final class Instruments {

    private Instruments() {
    }

    /** The instrument registered under an id, or null while there is none. */
    static Instrument find(BundleContext context, String id) {
        try {
            for (ServiceReference<Instrument> reference : context.getServiceReferences(Instrument.class,
                    "(" + InstrumentDriver.INSTRUMENT_ID + "=" + id + ")")) {
                return context.getService(reference);
            }
            return null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("instrument id " + id + " does not fit a filter", e);
        }
    }
}
