package org.condenser.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.condenser.api.data.FileEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/** A folder watched as an operator sets it up: a .cfg dropped into conf/, files arriving, cnd:watch. */
@ExtendWith({ BundleContextExtension.class, ServiceExtension.class })
class WatchIT {

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor shell;

    private RuntimeFolders folders;
    private Path cfg;
    private Path moverCfg;
    private final List<String> completed = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> listener;

    @BeforeEach
    void listen() {
        folders = new RuntimeFolders(context);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, FileEvents.COMPLETED);
        listener = context.registerService(EventHandler.class,
                event -> completed.add((String) event.getProperty(FileEvents.PATH)), properties);
    }

    @AfterEach
    void stop() throws Exception {
        listener.unregister();
        if (cfg != null) {
            Files.deleteIfExists(cfg);
        }
        if (moverCfg != null) {
            Files.deleteIfExists(moverCfg);
        }
    }

    @Test
    void filesArrivingInAWatchedFolderAreAnnouncedOnceAndShownByCndWatch() throws Exception {
        Path incoming = Files.createDirectories(folders.home.resolve("incoming-it"));
        cfg = folders.conf.resolve("org.condenser.watch-it.cfg");
        moverCfg = folders.conf.resolve("org.condenser.move-it.cfg");
        Files.writeString(moverCfg, "name = it\nwatcher = it\ndestination = nas-it\nparallel = 2\n");
        Await.until("the mover is running", () -> Shell.run(shell, "cnd:moves").output().contains("it  -> "));
        Files.writeString(cfg, "name = it\nfolder = incoming-it\npatterns = *.emd, *.dat\nstableSeconds = 0.3\n"
                + "pollSeconds = 0.1\n");
        Await.until("the watcher is running", () -> Shell.run(shell, "cnd:watch").output().contains("it  " + incoming));

        Path data = incoming.resolve("scan-1.dat");
        Files.writeString(data, "counts");
        Files.writeString(incoming.resolve("ignored.txt"), "not a pattern");
        Await.until("scan-1.dat is announced", () -> completed.contains(data.toString()), completed::toString);

        Path cut = incoming.resolve("cut.emd");
        Files.write(cut, new byte[] { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0, 0, 8, 8, 0,
                4, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, 0, 16, 0, 0, 0, 0,
                0, 0, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        Await.until("cnd:watch says what cut.emd waits for", () -> Shell.run(shell, "cnd:watch").output()
                .contains("cut.emd  68 bytes, waiting for a whole HDF5 file: its superblock says 4096 bytes but the file has 68"),
                () -> Shell.run(shell, "cnd:watch").output());

        String shown = Shell.run(shell, "cnd:watch").output();
        assertThat(shown).contains("incoming-it", "*.emd, *.dat", "pending: 1", "completed: 1", "scan-1.dat  6 bytes");
        assertThat(completed).containsExactly(data.toString());

        Path moved = folders.home.resolve("nas-it/scan-1.dat");
        Await.until("scan-1.dat is moved", () -> Files.exists(moved));
        assertThat(Files.readString(moved)).isEqualTo("counts");
        assertThat(Shell.run(shell, "cnd:moves").output()).contains("it  -> " + folders.home.resolve("nas-it"),
                "done: 1", "scan-1.dat  6 bytes", "xxh64 ", "failed: 0");
    }
}
