package org.condenser.flows.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.condenser.api.flow.FlowStep;
import org.condenser.api.flow.StepContext;
import org.condenser.api.runtime.RuntimeHome;
import org.condenser.json.Json;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The flow step {@code publish}: a catalogue record of the run — everything earlier steps produced
 * (file, checksum, results, metadata…) and when — written as JSON to the folder in the parameter
 * {@code to} (default {@code published}), whole or not at all. Outputs {@code record}, its path.
 */
@Component(service = FlowStep.class, property = FlowStep.TYPE + "=publish")
public final class PublishStep implements FlowStep {

    private final UnaryOperator<String> properties;

    @Activate
    public PublishStep(BundleContext context) {
        this.properties = context::getProperty;
    }

    @Override
    public void execute(StepContext context) throws Exception {
        String to = context.parameters().get("to") instanceof String t ? t : "published";
        Path folder = Files.createDirectories(RuntimeHome.resolve(properties, to));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("run", context.runId());
        record.put("published", Instant.now().toString());
        record.putAll(context.inputs());
        Path target = folder.resolve(context.runId() + ".json");
        Path temporary = folder.resolve("." + context.runId() + ".json.part");
        Files.writeString(temporary, Json.write(record) + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        context.output("record", target.toString());
    }
}
