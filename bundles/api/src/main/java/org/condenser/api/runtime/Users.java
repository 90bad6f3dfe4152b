package org.condenser.api.runtime;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The people (and programs) allowed to use this runtime remotely, each with a role; provided by the
 * core bundle from {@code conf/users.json}, where only salted password hashes are kept.
 */
@ProviderType
public interface Users {

    /**
     * The role of {@code user} when {@code secret} is its password; empty for an unknown user or a
     * wrong password (which are not told apart, so names cannot be probed).
     */
    Optional<Role> authenticate(String user, String secret);
}
