package org.condenser.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Makes sure the runtime's home has its conf/, deploy/ and logs/ folders, and gives a new home the
 * default configuration (runtime/conf in the source tree). Core starts before FileInstall, so the
 * defaults are in place before the first scan. An existing conf/ is never touched: what a facility
 * edited stays as edited.
 */
@Component(service = HomeFolders.class, immediate = true)
public final class HomeFolders {

    @Activate
    public HomeFolders(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        RuntimeHome home = RuntimeHome.of(context);
        try {
            boolean newHome = !Files.isDirectory(home.conf());
            Files.createDirectories(home.conf());
            Files.createDirectories(home.deploy());
            Files.createDirectories(home.logs());
            if (newHome) {
                int seeded = seedDefaults(context, home.conf());
                log.info("new runtime home {}: {} default configuration files written to {}", home.home(), seeded,
                        home.conf());
            }
        } catch (IOException e) {
            log.error("cannot prepare runtime home {}: {}", home.home(), e.toString(), e);
        }
    }

    private static int seedDefaults(BundleContext context, Path conf) throws IOException {
        // configuration files and, in subfolders, other definitions (conf/flows/*.json)
        Enumeration<URL> defaults = context.getBundle().findEntries("defaults/conf", "*", true);
        int seeded = 0;
        while (defaults != null && defaults.hasMoreElements()) {
            URL entry = defaults.nextElement();
            String relative = entry.getPath().substring(entry.getPath().indexOf("defaults/conf/") + "defaults/conf/".length());
            if (relative.isEmpty() || relative.endsWith("/")) {
                continue;
            }
            Path target = conf.resolve(relative);
            Files.createDirectories(target.getParent());
            if (!Files.exists(target)) {
                try (InputStream in = entry.openStream()) {
                    Files.copy(in, target);
                }
                seeded++;
            }
        }
        return seeded;
    }
}
