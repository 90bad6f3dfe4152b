package org.condenser.dataplane.internal.watch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code cnd:watch}: every watched folder, what is pending and why, and what completed. */
@Component(service = WatchCommands.class, property = { "osgi.command.scope=cnd", "osgi.command.function=watch" })
public final class WatchCommands {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<FolderWatcher> watchers;

    @Descriptor("watched folders: patterns, pending files and what they wait for, files completed")
    public void watch() {
        List<FolderWatcher> all = new ArrayList<>(watchers);
        if (all.isEmpty()) {
            System.out.println("no folders are watched; add conf/org.condenser.watch-NAME.cfg with name and folder");
            return;
        }
        all.sort(Comparator.comparing(FolderWatcher::name));
        for (FolderWatcher watcher : all) {
            System.out.printf("%s  %s  %s%s, %s%n", watcher.name(), watcher.folder(), String.join(", ", watcher.patterns()),
                    watcher.recursive() ? " (recursive)" : "", watcher.mode().name().toLowerCase());
            if (!watcher.problem().isEmpty()) {
                System.out.println("  problem: " + watcher.problem());
            }
            List<FolderWatcher.Pending> pending = watcher.pending();
            System.out.println("  pending: " + pending.size());
            for (FolderWatcher.Pending file : pending) {
                System.out.printf("    %s  %d bytes, waiting for %s%n", watcher.folder().relativize(file.path()),
                        file.size(), file.waitingFor());
            }
            System.out.println("  completed: " + watcher.completedCount());
            for (FolderWatcher.Completed file : watcher.recent()) {
                System.out.printf("    %s  %d bytes  %s%n", watcher.folder().relativize(file.path()), file.size(), file.at());
            }
        }
    }
}
