package org.condenser.dashboard.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.condenser.api.runtime.Role;

/**
 * Logins to the dashboard: a random token per login, held in an HttpOnly cookie, that lasts a
 * fixed time. Passwords are checked by the runtime's users ({@code cnd:user}); only the token and
 * the role it was given are kept here.
 */
final class Sessions {

    /** Who logged in, as what, until when. */
    record Login(String user, Role role, Instant expires) {
    }

    private final Map<String, Login> logins = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Clock clock;

    Sessions(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    String open(String user, Role role) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        logins.values().removeIf(login -> login.expires().isBefore(now)); // forget the expired as new ones come
        logins.put(token, new Login(user, role, now.plus(lifetime)));
        return token;
    }

    Optional<Login> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Login login = logins.get(token);
        if (login == null || login.expires().isBefore(clock.instant())) {
            logins.remove(token);
            return Optional.empty();
        }
        return Optional.of(login);
    }

    void close(String token) {
        if (token != null) {
            logins.remove(token);
        }
    }
}
