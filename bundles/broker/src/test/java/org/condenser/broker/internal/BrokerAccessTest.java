package org.condenser.broker.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.condenser.api.runtime.Role;
import org.condenser.api.runtime.Users;
import org.junit.jupiter.api.Test;

import io.moquette.broker.subscriptions.Topic;

class BrokerAccessTest {

    private final Users users = (user, secret) -> user.equals("alice") && secret.equals("wonder")
            ? Optional.of(Role.VIEWER) : Optional.empty();
    private final BrokerAccess access = new BrokerAccess(() -> users, "internal-secret");

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyKnownUsersAndTheInternalPasswordConnect() {
        assertTrue(access.checkValid("c1", "alice", bytes("wonder")));
        assertFalse(access.checkValid("c1", "alice", bytes("wrong")));
        assertFalse(access.checkValid("c1", null, null), "anonymous");
        assertFalse(access.checkValid("c1", "mallory", bytes("wonder")));
        assertTrue(access.checkValid("c1", BrokerAccess.INTERNAL_USER, bytes("internal-secret")));
        assertFalse(access.checkValid("c1", BrokerAccess.INTERNAL_USER, bytes("wonder")));
        assertTrue(access.refusedLogins() == 4);
    }

    @Test
    void usersNeverReadCommandsWhichCarryPasswords() {
        for (String filter : new String[] { "#", "condenser/#", "condenser/+/#", "condenser/+/commands/+",
                "condenser/node1/commands/#", "+/+/+/+", "condenser/node1/+/+", "condenser/node1/commands/c1",
                "condenser/+/commands/c1/#" }) {
            assertFalse(access.canRead(new Topic(filter), "alice", "c1"), filter);
            assertTrue(access.canRead(new Topic(filter), BrokerAccess.INTERNAL_USER, "t"), filter);
        }
        for (String filter : new String[] { "condenser/+/status", "condenser/node1/instruments/#",
                "condenser/+/replies/+", "condenser/node1/pipelines/+", "+/+/+", "condenser/+/+/+/+",
                "condenser/node1/alerts" }) {
            assertTrue(access.canRead(new Topic(filter), "alice", "c1"), filter);
        }
    }

    @Test
    void usersPublishOnlyCommands() {
        assertTrue(access.canWrite(new Topic("condenser/node1/commands/c1"), "alice", "c1"));
        assertFalse(access.canWrite(new Topic("condenser/node1/status"), "alice", "c1"));
        assertFalse(access.canWrite(new Topic("condenser/node1/commands/c1/x"), "alice", "c1"));
        assertFalse(access.canWrite(new Topic("condenser/node1/instruments/sim/properties/defocus"), "alice", "c1"));
        assertTrue(access.canWrite(new Topic("condenser/node1/status"), BrokerAccess.INTERNAL_USER, "t"));
    }
}
