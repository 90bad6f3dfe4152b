package org.condenser.core.internal;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.condenser.api.runtime.RuntimeStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs the command given on the launcher's command line, once, on the launcher's main thread; its
 * return value is the process's exit code. It waits for the runtime to finish starting and for the
 * command's service to register, so a script never races component registration.
 *
 * <p>Exit codes: 0 done, 1 the command failed (including an unhealthy {@code cnd:health}), 2 no such
 * command or no shell in this feature set, 3 the runtime did not start in time.
 */
final class OneShotCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int NO_COMMAND = 2;
    static final int NOT_STARTED = 3;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);

    private final BundleContext context;
    private final RuntimeStatus status;
    private final String[] arguments;

    OneShotCommand(BundleContext context, RuntimeStatus status, String[] arguments) {
        this.context = context;
        this.status = status;
        this.arguments = arguments.clone();
    }

    @Override
    public Integer call() throws Exception {
        if (!status.awaitStarted(START_TIMEOUT)) {
            System.err.println("condenser: the runtime did not finish starting within " + START_TIMEOUT.toSeconds()
                    + " s; not running " + String.join(" ", arguments));
            return NOT_STARTED;
        }
        try {
            return run();
        } catch (NoClassDefFoundError noShell) {
            return noShell(arguments[0]);
        }
    }

    private int run() throws Exception {
        ServiceTracker<CommandProcessor, CommandProcessor> processors = new ServiceTracker<>(context,
                CommandProcessor.class, null);
        processors.open();
        ServiceTracker<Object, Object> commands = new ServiceTracker<>(context, commandFilter(arguments[0]), null);
        commands.open();
        try {
            CommandProcessor processor = processors.waitForService(COMMAND_TIMEOUT.toMillis());
            if (processor == null) {
                return noShell(arguments[0]);
            }
            if (commands.waitForService(COMMAND_TIMEOUT.toMillis()) == null) {
                System.err.println("condenser: no command '" + arguments[0] + "' appeared within "
                        + COMMAND_TIMEOUT.toSeconds() + " s; 'help' lists the commands there are");
                return NO_COMMAND;
            }
            // The process's own streams: Gogo redirects System.out into the session while a command
            // runs, so handing it System.out would make every print loop back into itself.
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
            try (CommandSession session = processor.createSession(new FileInputStream(FileDescriptor.in), out, err)) {
                Object result = session.execute(commandLine(arguments));
                if (result != null) {
                    out.println(session.format(result, Converter.INSPECT));
                }
                return OK;
            } catch (Exception failed) {
                Throwable cause = rootCause(failed);
                if (cause instanceof StatusCommands.UnhealthyException) {
                    System.err.println("condenser: " + cause.getMessage());
                } else {
                    System.err.println("condenser: " + String.join(" ", arguments) + " failed: " + cause);
                }
                return FAILED;
            }
        } finally {
            commands.close();
            processors.close();
            System.out.flush();
        }
    }

    /** Says why nothing ran in a feature set without Gogo, and answers the matching exit code. */
    static int noShell(String command) {
        System.err.println("condenser: this feature set has no shell, so it cannot run " + command);
        return NO_COMMAND;
    }

    /** Gogo wraps what a command throws in reflection exceptions; the person needs the command's own. */
    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.lang.reflect.InvocationTargetException
                || cause instanceof java.lang.reflect.UndeclaredThrowableException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The command service for {@code scope:function} or a bare {@code function}. */
    static Filter commandFilter(String command) throws InvalidSyntaxException {
        int colon = command.indexOf(':');
        String function = colon < 0 ? command : command.substring(colon + 1);
        String byFunction = "(osgi.command.function=" + escape(function) + ")";
        String filter = colon < 0 ? byFunction
                : "(&(osgi.command.scope=" + escape(command.substring(0, colon)) + ")" + byFunction + ")";
        return FrameworkUtil.createFilter(filter);
    }

    /** Gogo reads its own syntax; arguments that held spaces on the command line are quoted again. */
    static String commandLine(String[] arguments) {
        StringBuilder line = new StringBuilder();
        for (String argument : arguments) {
            if (line.length() > 0) {
                line.append(' ');
            }
            if (argument.isEmpty() || argument.chars().anyMatch(c -> Character.isWhitespace(c) || "'\"|;&(){}[]$".indexOf(c) >= 0)) {
                line.append('\'').append(argument.replace("'", "\\'")).append('\'');
            } else {
                line.append(argument);
            }
        }
        return line.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

}
