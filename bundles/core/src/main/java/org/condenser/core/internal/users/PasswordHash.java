package org.condenser.core.internal.users;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes, written as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}
 * (salt and hash in Base64): slow to guess by design, so only hashes are ever stored.
 */
final class PasswordHash {

    static final int ITERATIONS = 120_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {
    }

    static String of(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /**
     * Whether {@code password} matches {@code stored} (slow by design: PBKDF2's iterations).
     *
     * @throws IllegalArgumentException when {@code stored} is not such a hash
     */
    static boolean matches(String password, String stored) {
        Parsed hash = parse(stored);
        return MessageDigest.isEqual(hash.expected(), derive(password, hash.salt(), hash.iterations()));
    }

    /**
     * Checks that {@code stored} is such a hash, without the cost of deriving one.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    static void check(String stored) {
        parse(stored);
    }

    private record Parsed(int iterations, byte[] salt, byte[] expected) {
    }

    private static Parsed parse(String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a " + PREFIX + "$ITERATIONS$SALT$HASH password hash");
        }
        int iterations;
        byte[] salt;
        byte[] expected;
        try {
            iterations = Integer.parseInt(parts[1]);
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a malformed " + PREFIX + " hash: " + e.getMessage());
        }
        if (iterations < 1 || salt.length == 0 || expected.length == 0) {
            throw new IllegalArgumentException("a malformed " + PREFIX + " hash: no iterations, salt or hash");
        }
        return new Parsed(iterations, salt, expected);
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        }
    }
}
