package org.condenser.core.internal;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Callable;

import org.condenser.api.runtime.NodeStatus;
import org.condenser.api.runtime.RuntimeStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Decides how this process runs once the bnd launcher has started every bundle and published its
 * command line (the {@code launcher.arguments} service):
 * <ul>
 * <li>with arguments, it is a one-shot command ({@code java -jar demo.jar cnd:health}): the command
 * runs on the launcher's main thread and its outcome becomes the exit code;</li>
 * <li>without, it is a long-running runtime: it prints where its folders are and, when a person is
 * at a terminal, raises the start level so the interactive console starts.</li>
 * </ul>
 * The console sits above the run level so a one-shot command never competes with it for stdin.
 */
@Component(immediate = true)
public final class LaunchMode {

    static final String LAUNCHER_ARGUMENTS = "launcher.arguments";

    private final BundleContext context;
    private final RuntimeStatus status;
    private final Logger log;
    private volatile ServiceRegistration<?> mainThread;

    @Activate
    public LaunchMode(BundleContext context, @Reference RuntimeStatus status,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.status = status;
        this.log = log;
    }

    @Reference(service = Object.class, target = "(" + LAUNCHER_ARGUMENTS + "=*)",
            cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindLauncher(Map<String, Object> properties) {
        String[] arguments = properties.get(LAUNCHER_ARGUMENTS) instanceof String[] a ? a : new String[0];
        if (arguments.length > 0) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("main.thread", "true");
            mainThread = context.registerService(Callable.class, oneShot(arguments), props);
        } else {
            // Printing waits for the start level to be reached; bind methods must return at once.
            Thread announcer = new Thread(this::announce, "condenser-launch");
            announcer.setDaemon(true);
            announcer.start();
        }
    }

    private Callable<Integer> oneShot(String[] arguments) {
        try {
            return new OneShotCommand(context, status, arguments);
        } catch (NoClassDefFoundError noShell) {
            // A feature set without Gogo: say so rather than hang the launcher's main thread.
            return () -> OneShotCommand.noShell(arguments[0]);
        }
    }

    void unbindLauncher(Map<String, Object> properties) {
        // Nothing to undo: the launcher goes away only as the framework stops.
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<?> registration = mainThread;
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework is stopping and took it already.
            }
        }
    }

    private void announce() {
        try {
            if (!status.awaitStarted(Duration.ofMinutes(5))) {
                log.warn("the runtime has not reached its start level after 5 minutes; see cnd:status");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        RuntimeHome home = RuntimeHome.of(context);
        boolean console = System.console() != null && hasConsoleBundle();
        System.out.print(banner(status.snapshot(), home, console));
        System.out.flush();
        if (console) {
            context.getBundle(0).adapt(FrameworkStartLevel.class).setStartLevel(StartLevels.of(context).console());
        }
    }

    private boolean hasConsoleBundle() {
        for (var bundle : context.getBundles()) {
            if ("org.apache.felix.gogo.jline".equals(bundle.getSymbolicName())) {
                return true;
            }
        }
        return false;
    }

    static String banner(NodeStatus s, RuntimeHome home, boolean console) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nCondenser %s — feature set '%s' started in %.2f s: %d of %d bundles active, %s%n",
                s.version(), s.featureSet(), s.uptime().toMillis() / 1000.0, s.bundlesActive(), s.bundlesTotal(),
                s.componentProblems().isEmpty() ? "all components satisfied"
                        : s.componentProblems().size() + " components not active (cnd:status)"));
        out.append(String.format("  home    %s%n", home.home()));
        out.append(String.format("  conf    %s   edit a .cfg file to reconfigure a running component%n", home.conf()));
        out.append(String.format("  deploy  %s   drop a bundle here to install it, replace it to update, delete it to uninstall%n",
                home.deploy()));
        out.append(String.format("  logs    %s%n", home.logs()));
        if (console) {
            out.append("  shell   type commands at the g! prompt: cnd:status, cnd:health, help; Ctrl-D or 'stop 0' stops the runtime\n");
        } else {
            out.append("  shell   no terminal, so no interactive shell; one-shot commands: java -jar <feature set>.jar cnd:status\n");
        }
        return out.toString();
    }
}
