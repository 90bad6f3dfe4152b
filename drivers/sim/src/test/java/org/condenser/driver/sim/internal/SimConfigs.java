package org.condenser.driver.sim.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** SimConfig instances as Configuration Admin would give them: the defaults, with some values changed. */
final class SimConfigs {

    private SimConfigs() {
    }

    static SimConfig with(Map<String, Object> changed) {
        return (SimConfig) Proxy.newProxyInstance(SimConfig.class.getClassLoader(), new Class<?>[] { SimConfig.class },
                (proxy, method, args) -> {
                    if (changed.containsKey(method.getName())) {
                        return changed.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return SimConfig.class;
                    }
                    return method.getDefaultValue();
                });
    }

    /** No drift, so tests can place the probe exactly. */
    static SimConfig still() {
        return with(Map.of("driftX", 0.0, "driftY", 0.0));
    }
}
