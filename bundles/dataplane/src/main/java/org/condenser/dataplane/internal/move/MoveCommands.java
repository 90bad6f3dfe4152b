package org.condenser.dataplane.internal.move;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code cnd:moves}: each mover's transfers under way (progress, bandwidth), done and failed with reasons. */
@Component(service = MoveCommands.class, property = { "osgi.command.scope=cnd", "osgi.command.function=moves" })
public final class MoveCommands {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<VerifiedMover> movers;

    @Descriptor("verified movers: transfers under way with progress and bandwidth, done, failed with reasons")
    public void moves() {
        List<VerifiedMover> all = new ArrayList<>(movers);
        if (all.isEmpty()) {
            System.out.println("no movers; add conf/org.condenser.move-NAME.cfg with name, watcher and destination");
            return;
        }
        all.sort(Comparator.comparing(VerifiedMover::name));
        for (VerifiedMover mover : all) {
            System.out.printf("%s  -> %s  (files from %s)%n", mover.name(), mover.destination(),
                    mover.watcher().isEmpty() ? "every watcher" : "watcher " + mover.watcher());
            List<VerifiedMover.Active> active = mover.active();
            System.out.printf("  active: %d, queued: %d%n", active.size(), mover.queued());
            for (VerifiedMover.Active transfer : active) {
                System.out.printf(Locale.ROOT, "    %s  %.0f%% of %d bytes, %.1f MB/s%n", transfer.source.getFileName(),
                        transfer.size == 0 ? 100.0 : 100.0 * transfer.copied.get() / transfer.size, transfer.size,
                        transfer.megabytesPerSecond());
            }
            List<VerifiedMover.Ended> done = mover.done();
            System.out.println("  done: " + done.size());
            for (VerifiedMover.Ended ended : done) {
                System.out.printf(Locale.ROOT, "    %s  %d bytes, %.1f MB/s, xxh64 %s%n", ended.source().getFileName(),
                        ended.bytes(), ended.megabytesPerSecond(), ended.xxh64());
            }
            List<VerifiedMover.Ended> failed = mover.failed();
            System.out.println("  failed: " + failed.size());
            for (VerifiedMover.Ended ended : failed) {
                System.out.printf("    %s  %s%n", ended.source().getFileName(), ended.failure());
            }
        }
    }
}
