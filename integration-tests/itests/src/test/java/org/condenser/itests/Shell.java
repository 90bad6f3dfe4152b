package org.condenser.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs a Gogo command as a person at the shell would, and keeps what it printed. */
final class Shell {

    record Result(String output, Exception failure) {
    }

    private Shell() {
    }

    static Result run(CommandProcessor processor, String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), print, print)) {
            session.execute(command);
            print.flush();
            return new Result(out.toString(StandardCharsets.UTF_8), null);
        } catch (Exception e) {
            print.flush();
            return new Result(out.toString(StandardCharsets.UTF_8), e);
        }
    }
}
