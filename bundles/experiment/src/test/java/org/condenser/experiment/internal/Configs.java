package org.condenser.experiment.internal;

import java.lang.annotation.Annotation;

/** Typed configurations as Configuration Admin would give them. */
final class Configs {

    private Configs() {
    }

    static GaussianProcessConfig gp(double parameter, int initial) {
        return new GaussianProcessConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return GaussianProcessConfig.class;
            }

            @Override
            public double parameter() {
                return parameter;
            }

            @Override
            public int initial() {
                return initial;
            }
        };
    }
}
