package org.condenser.core.internal.users;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.felix.service.command.Descriptor;
import org.condenser.api.runtime.Role;
import org.condenser.api.runtime.RuntimeHome;
import org.condenser.api.runtime.Users;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The runtime's users, from {@code conf/users.properties}: one line per user, {@code NAME = ROLE
 * HASH} (a salted PBKDF2 hash; see {@link PasswordHash}). The file is read again when it changes. On
 * the first start, with no file, an {@code admin} is made with a random password, written to
 * {@code conf/admin-password.txt} (readable by its owner only) and named in the log, so a fresh
 * runtime is never open to anyone. A password that matched is remembered (as a digest) so that
 * commands arriving many times a second do not pay for PBKDF2 each time. Shell: {@code cnd:user}.
 */
@Component(service = { Users.class, UserDirectory.class }, immediate = true, property = {
        "osgi.command.scope=cnd", "osgi.command.function=user" })
public final class UserDirectory implements Users {

    private record Account(Role role, String hash) {
    }

    private final Path file;
    private final Logger log;
    private volatile Map<String, Account> accounts = Map.of();
    private volatile FileTime read;
    /** Digests of (user, password) pairs that matched, with the hash they matched. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    @Activate
    public UserDirectory(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this(RuntimeHome.resolve(context::getProperty, "conf").resolve("users.properties"), log);
    }

    UserDirectory(Path file, Logger log) throws IOException {
        this.file = file;
        this.log = log;
        if (!Files.exists(file)) {
            String password = PasswordHash.randomPassword();
            Path note = file.resolveSibling("admin-password.txt");
            Files.createDirectories(file.getParent());
            save(new TreeMap<>(Map.of("admin", new Account(Role.ADMIN, PasswordHash.of(password)))));
            Files.writeString(note, password + "\n", StandardCharsets.UTF_8);
            restrict(note);
            log.warn("users: no {} yet; made user 'admin' with a random password, in {}", file, note);
        }
        reload();
    }

    @Override
    public Optional<Role> authenticate(String user, String secret) {
        if (user == null || secret == null) {
            return Optional.empty();
        }
        reloadIfChanged();
        Account account = accounts.get(user);
        if (account == null) {
            return Optional.empty();
        }
        String key = digest(user + "\u0000" + secret);
        if (account.hash().equals(verified.get(key))) {
            return Optional.of(account.role());
        }
        if (!PasswordHash.matches(secret, account.hash())) {
            return Optional.empty();
        }
        verified.put(key, account.hash());
        return Optional.of(account.role());
    }

    private void reloadIfChanged() {
        try {
            if (!Files.getLastModifiedTime(file).equals(read)) {
                reload();
            }
        } catch (IOException e) {
            log.error("users: cannot read {}: {}; the users read before stay", file, e.getMessage());
        }
    }

    private synchronized void reload() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Properties lines = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(in);
        }
        Map<String, Account> loaded = new TreeMap<>();
        for (String name : lines.stringPropertyNames()) {
            String[] parts = lines.getProperty(name).strip().split("\\s+");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected ROLE HASH");
                }
                Role role = role(parts[0]);
                PasswordHash.check(parts[1]);
                loaded.put(name, new Account(role, parts[1]));
            } catch (IllegalArgumentException e) {
                log.error("users: {} in {} is left out: {}", name, file, e.getMessage());
            }
        }
        accounts = Map.copyOf(loaded);
        read = modified;
        verified.clear();
    }

    private static Role role(String text) {
        try {
            return Role.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("role '" + text + "' is not viewer, operator or admin");
        }
    }

    private synchronized void save(Map<String, Account> users) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write("# Condenser users: NAME = ROLE HASH (viewer, operator or admin; cnd:user add NAME ROLE PASSWORD)\n");
            for (Map.Entry<String, Account> user : users.entrySet()) {
                out.write(user.getKey() + " = " + user.getValue().role().name().toLowerCase(Locale.ROOT) + " "
                        + user.getValue().hash() + "\n");
            }
        }
        restrict(temporary);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: its own permissions apply
        }
    }

    private static String digest(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Descriptor("users: list | add NAME ROLE PASSWORD (viewer, operator, admin) | remove NAME")
    public void user(String... words) throws IOException {
        String action = words.length == 0 ? "list" : words[0];
        Map<String, Account> users = new TreeMap<>(accounts);
        switch (action) {
            case "list" -> users.forEach((name, account) -> System.out.println(name + "  "
                    + account.role().name().toLowerCase(Locale.ROOT)));
            case "add" -> {
                if (words.length != 4) {
                    throw new IllegalArgumentException("cnd:user add NAME ROLE PASSWORD");
                }
                if (!words[1].matches("[A-Za-z0-9._@-]+")) {
                    throw new IllegalArgumentException("a user name is letters, digits, '.', '_', '@' or '-', not '"
                            + words[1] + "'");
                }
                if (words[3].length() < 8) {
                    throw new IllegalArgumentException("a password needs at least 8 characters");
                }
                users.put(words[1], new Account(role(words[2]), PasswordHash.of(words[3])));
                save(users);
                reload();
                System.out.println(words[1] + " is " + words[2].toLowerCase(Locale.ROOT));
            }
            case "remove" -> {
                if (words.length != 2 || users.remove(words[1]) == null) {
                    throw new IllegalArgumentException("cnd:user remove NAME, one of " + users.keySet());
                }
                save(users);
                reload();
                System.out.println(words[1] + " removed");
            }
            default -> throw new IllegalArgumentException("cnd:user list | add NAME ROLE PASSWORD | remove NAME");
        }
    }
}
