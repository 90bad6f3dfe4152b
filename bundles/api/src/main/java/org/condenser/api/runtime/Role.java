package org.condenser.api.runtime;

/**
 * What a person may do remotely: a viewer reads, an operator also drives instruments, acquisitions
 * and flows, an admin also changes the runtime (users, configuration). Each role includes the ones
 * before it.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** Whether this role may do what {@code needed} may. */
    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }
}
