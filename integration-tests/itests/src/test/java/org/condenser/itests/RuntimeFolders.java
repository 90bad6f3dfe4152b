package org.condenser.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleContext;

/** The test runtime's home folders and the fixture bundles the tests drop into them. */
final class RuntimeFolders {

    final Path home;
    final Path deploy;
    final Path conf;
    final Path fixtures;

    RuntimeFolders(BundleContext context) {
        home = Path.of(context.getProperty("condenser.home"));
        deploy = home.resolve("deploy");
        conf = home.resolve("conf");
        fixtures = Path.of(context.getProperty("condenser.itest.fixtures"));
    }

    Path fixture(String artifactId) {
        return fixtures.resolve(artifactId + ".jar");
    }

    /**
     * Writes a copy of a fixture bundle with another Bundle-Version into deploy/, the way a vendor's
     * new release arrives: written aside, then moved into place so FileInstall never sees half a jar.
     */
    Path deploy(String artifactId, String version, String fileName) throws IOException {
        Path staged = Files.createTempFile(home, "staging-", ".jar.part");
        try (JarInputStream in = new JarInputStream(Files.newInputStream(fixture(artifactId)));
                OutputStream file = Files.newOutputStream(staged)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream out = new JarOutputStream(file, manifest)) {
                copyEntries(in, out);
            }
        }
        Path target = deploy.resolve(fileName);
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static void copyEntries(JarInputStream in, JarOutputStream out) throws IOException {
        for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
            out.putNextEntry(new JarEntry(entry.getName()));
            in.transferTo(out);
            out.closeEntry();
        }
    }
}
