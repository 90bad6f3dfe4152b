package org.condenser.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.Test;

class OneShotCommandTest {

    @Test
    void argumentsThatHeldSpacesOrGogoSyntaxAreQuotedAgain() {
        assertEquals("cnd:status", OneShotCommand.commandLine(new String[] { "cnd:status" }));
        assertEquals("cnd:get sim-stem 'stage x'", OneShotCommand.commandLine(new String[] { "cnd:get", "sim-stem",
            "stage x" }));
        assertEquals("echo '$(rm)' ''", OneShotCommand.commandLine(new String[] { "echo", "$(rm)", "" }));
    }

    @Test
    void theCommandsOwnFailureIsFoundBeneathReflection() {
        IllegalStateException own = new IllegalStateException("node is not healthy (1 problem)");
        assertSame(own, OneShotCommand.rootCause(new InvocationTargetException(own)));
        assertSame(own, OneShotCommand.rootCause(own));
    }

    @Test
    void commandsAreLookedUpByScopeAndFunction() throws Exception {
        assertEquals("(&(osgi.command.scope=cnd)(osgi.command.function=status))",
                OneShotCommand.commandFilter("cnd:status").toString());
        assertEquals("(osgi.command.function=lb)", OneShotCommand.commandFilter("lb").toString());
        assertEquals("(osgi.command.function=a\\*)", OneShotCommand.commandFilter("a*").toString());
    }
}
