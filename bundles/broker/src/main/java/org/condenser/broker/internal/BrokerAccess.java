package org.condenser.broker.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.condenser.api.runtime.Users;

import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

/**
 * Who may connect to the embedded broker, and what they may do there. Condenser's own users
 * ({@code cnd:user}) connect with their names and passwords; the runtime's telemetry connects as
 * an internal user whose password is random, kept in the broker bundle's private data, and
 * never leaves the process.
 * <p>
 * Remote commands carry their sender's password (see the telemetry bundle's RemoteCommands), so
 * only the internal user may read a {@code PREFIX/NODE/commands/CLIENT} topic, or subscribe to a
 * filter that could match one; everyone else reads everything else. A user may publish only
 * commands: the telemetry topics are the runtime's to write.
 */
final class BrokerAccess implements IAuthenticator, IAuthorizatorPolicy {

    /** The user name the runtime's own telemetry connects with. */
    static final String INTERNAL_USER = "condenser-internal";

    /** Where a command lies in the topic tree: PREFIX/NODE/commands/CLIENT; null matches any level. */
    private static final List<String> COMMAND_TOPIC = java.util.Arrays.asList(null, null, "commands", null);

    private final Supplier<Users> users;
    private final byte[] internalPassword;
    private final AtomicLong refusedLogins = new AtomicLong();
    private final AtomicLong refusedTopics = new AtomicLong();

    BrokerAccess(Supplier<Users> users, String internalPassword) {
        this.users = users;
        this.internalPassword = internalPassword.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkValid(String clientId, String username, byte[] password) {
        boolean valid = valid(username, password);
        if (!valid) {
            refusedLogins.incrementAndGet();
        }
        return valid;
    }

    private boolean valid(String username, byte[] password) {
        if (username == null || password == null) {
            return false; // anonymous clients are refused: authentication is on by default
        }
        if (INTERNAL_USER.equals(username)) {
            return MessageDigest.isEqual(internalPassword, password);
        }
        Users directory = users.get();
        return directory != null
                && directory.authenticate(username, new String(password, StandardCharsets.UTF_8)).isPresent();
    }

    @Override
    public boolean canWrite(Topic topic, String user, String client) {
        boolean allowed = INTERNAL_USER.equals(user) || isCommand(levels(topic));
        if (!allowed) {
            refusedTopics.incrementAndGet();
        }
        return allowed;
    }

    @Override
    public boolean canRead(Topic topic, String user, String client) {
        boolean allowed = INTERNAL_USER.equals(user) || !mayMatch(levels(topic), 0, 0);
        if (!allowed) {
            refusedTopics.incrementAndGet();
        }
        return allowed;
    }

    long refusedLogins() {
        return refusedLogins.get();
    }

    long refusedTopics() {
        return refusedTopics.get();
    }

    private static String[] levels(Topic topic) {
        return topic.toString().split("/", -1);
    }

    private static boolean isCommand(String[] levels) {
        if (levels.length != COMMAND_TOPIC.size()) {
            return false;
        }
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.isEmpty() || level.equals("+") || level.equals("#")
                    || (COMMAND_TOPIC.get(i) != null && !COMMAND_TOPIC.get(i).equals(level))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the subscription filter, from its level {@code f}, could match a command topic from level {@code c}. */
    static boolean mayMatch(String[] filter, int f, int c) {
        if (f < filter.length && filter[f].equals("#")) {
            return true; // '#' matches the rest, whatever it is, and also nothing
        }
        if (c == COMMAND_TOPIC.size()) {
            return f == filter.length;
        }
        if (f == filter.length) {
            return false;
        }
        String wanted = COMMAND_TOPIC.get(c);
        boolean levelMatches = filter[f].equals("+") || wanted == null || wanted.equals(filter[f]);
        return levelMatches && mayMatch(filter, f + 1, c + 1);
    }
}
