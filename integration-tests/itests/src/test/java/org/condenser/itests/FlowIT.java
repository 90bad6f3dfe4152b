package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.flow.FlowNotifications;
import org.condenser.api.flow.FlowStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * Flows in the runtime as an operator sets them up: a definition dropped into conf/flows, a step
 * type registered as a whiteboard service, a file finished in a watched folder starting a run, the
 * shell showing runs with their timings; a broken definition and a step refusing its input.
 */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class FlowIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor shell;

    private final List<ServiceRegistration<?>> registrations = new CopyOnWriteArrayList<>();
    private final List<Path> written = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        for (Path file : written) {
            Files.deleteIfExists(file);
        }
    }

    private void step(String type, FlowStep step) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(FlowStep.TYPE, type);
        registrations.add(context.registerService(FlowStep.class, step, properties));
    }

    private Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        written.add(Files.writeString(file, text));
        return file;
    }

    @Test
    void aFinishedFileStartsARunWhoseStepsAndTimingsTheShellShows() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        List<String> seen = new CopyOnWriteArrayList<>();
        step("it-measure", step -> step.output("bytes", Files.size(Path.of((String) step.inputs().get("file")))));
        step("it-report", step -> seen.add(step.inputs().get("file") + " " + step.inputs().get("bytes") + " "
                + step.parameters().get("to")));
        step("it-picky", step -> {
            if (((String) step.inputs().get("file")).endsWith(".bad")) {
                throw new IllegalArgumentException("a .bad file is not a spectrum image");
            }
        });
        write(folders.conf.resolve("flows/it-flow.json"), """
                {"name": "it-flow", "trigger": {"type": "file", "watcher": "flowit", "pattern": "*.{dat,bad}"},
                 "concurrency": 2,
                 "steps": [{"type": "it-picky"}, {"type": "it-measure"},
                           {"name": "report", "type": "it-report", "parameters": {"to": "catalogue"}}]}
                """);
        write(folders.conf.resolve("flows/it-broken.json"), "{\"name\": \"it-broken\", \"trigger\": {\"type\": \"cron\"}}");
        Await.until("the flow is read", () -> Shell.run(shell, "cnd:flows").output().contains("it-flow  trigger file"),
                () -> Shell.run(shell, "cnd:flows").output());
        String listed = Shell.run(shell, "cnd:flows").output();
        assertThat(listed).contains("steps: it-picky -> it-measure -> report (it-report)",
                "it-broken  NOT USED: flow it-broken: trigger type 'cron' is not one of");

        Path incoming = Files.createDirectories(folders.home.resolve("incoming-flowit"));
        written.add(write(folders.conf.resolve("org.condenser.watch-flowit.cfg"),
                "name = flowit\nfolder = incoming-flowit\npatterns = *\nstableSeconds = 0.2\npollSeconds = 0.05\n"));
        Path good = write(incoming.resolve("scan.dat"), "twelve bytes");
        Await.until("the run reports", () -> seen.contains(good + " 12 catalogue"), seen::toString);
        Path bad = write(incoming.resolve("scan.bad"), "nonsense");
        // other tests' runs share the history: wait for this file's own quarantine
        Await.until("the bad file is quarantined", () -> Shell.run(shell, "cnd:flow history").output()
                .contains("it-picky: a .bad file"), () -> Shell.run(shell, "cnd:flow history").output());

        String history = Shell.run(shell, "cnd:flow history").output();
        assertThat(history).contains("it-flow-", "SUCCEEDED", "overhead", "report", "ms active",
                "it-picky: a .bad file is not a spectrum image; the input was copied to");
        assertThat(Files.exists(folders.home.resolve("quarantine/it-flow"))).isTrue();
        assertThat(seen).doesNotContain(bad + " 8 catalogue");

        assertThat(Shell.run(shell, "cnd:flow run it-nope").failure()).hasMessageContaining("no flow 'it-nope'");
        assertThat(Shell.run(shell, "cnd:flow dance").failure()).hasMessageContaining("say run or history");
    }

    @Test
    void aStreamSeriesReducedStartsARunWithItsResultFile() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        List<String> seen = new CopyOnWriteArrayList<>();
        step("it-series", step -> seen.add(step.inputs().get("source") + " " + step.inputs().get("complete") + " "
                + Files.exists(Path.of((String) step.inputs().get("file")))));
        write(folders.conf.resolve("flows/it-series.json"), """
                {"name": "it-series", "trigger": {"type": "series", "source": "arina"}, "steps": [{"type": "it-series"}]}
                """);
        Await.until("the flow is read", () -> Shell.run(shell, "cnd:flows").output().contains("it-series  trigger series"),
                () -> Shell.run(shell, "cnd:flows").output());
        Shell.Result streamed = Shell.run(shell, "cnd:stream start arina sum --wait");
        assertThat(streamed.failure()).isNull();
        Await.until("the run sees the series' file", () -> seen.contains("arina true true"), seen::toString);
    }

    @Test
    void aScheduledFlowRunsOnItsClockAndItsNotificationsArePostedAsEvents() throws Exception {
        RuntimeFolders folders = new RuntimeFolders(context);
        List<String> ticks = new CopyOnWriteArrayList<>();
        List<String> notifications = new CopyOnWriteArrayList<>();
        step("it-tick", step -> ticks.add((String) step.inputs().get("scheduled")));
        Hashtable<String, Object> topic = new Hashtable<>();
        topic.put(EventConstants.EVENT_TOPIC, FlowNotifications.TOPIC);
        registrations.add(context.registerService(EventHandler.class, event -> notifications.add(
                event.getProperty(FlowNotifications.FLOW) + ": " + event.getProperty(FlowNotifications.MESSAGE)), topic));
        write(folders.conf.resolve("flows/it-scheduled.json"), """
                {"name": "it-scheduled", "trigger": {"type": "schedule", "every": "PT1S"},
                 "steps": [{"type": "it-tick"}, {"type": "notify", "parameters": {"message": "tick at ${scheduled}"}}]}
                """);
        Await.until("two scheduled runs notify", () -> notifications.size() >= 2, notifications::toString);
        // each run was started by a planned tick one second after the one before
        java.time.OffsetDateTime first = java.time.OffsetDateTime.parse(ticks.get(0));
        java.time.OffsetDateTime second = java.time.OffsetDateTime.parse(ticks.get(1));
        assertThat(java.time.Duration.between(first, second)).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(notifications.get(0)).isEqualTo("it-scheduled: tick at " + ticks.get(0));
        assertThat(Shell.run(shell, "cnd:flows").output()).containsPattern(
                "it-scheduled  trigger schedule \\(every 1s; next \\S+, started \\d+, skipped \\d+\\)");
        Files.delete(folders.conf.resolve("flows/it-scheduled.json"));
        Await.until("the removed schedule stops", () -> !Shell.run(shell, "cnd:flows").output().contains("it-scheduled"),
                () -> Shell.run(shell, "cnd:flows").output());
    }
}
