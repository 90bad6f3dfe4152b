package org.condenser.dataplane.internal.watch;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = WatchConfig.PID, name = "Condenser acquisition-folder watcher",
        description = "Watches one folder for files that writers finish, and announces each once "
                + "(org/condenser/data/file/COMPLETED). One factory configuration per folder.")
@interface WatchConfig {

    String PID = "org.condenser.watch";

    @AttributeDefinition(description = "Name of this watcher (its journal is journal/watch-NAME.log)")
    String name();

    @AttributeDefinition(description = "The folder to watch")
    String folder();

    @AttributeDefinition(description = "Glob patterns of the files to watch, comma separated, such as *.emd, *.h5")
    String patterns() default "*";

    @AttributeDefinition(description = "Whether to look into subfolders")
    boolean recursive() default false;

    @AttributeDefinition(description = "STABLE: complete when size and time have not changed for stableSeconds "
            + "(and an HDF5 file's superblock says it is whole); MARKER: complete when FILE + markerSuffix appears")
    CompletionMode mode() default CompletionMode.STABLE;

    @AttributeDefinition(description = "Seconds a file must stay unchanged to count as complete", min = "0")
    double stableSeconds() default 2;

    @AttributeDefinition(description = "In MARKER mode, the suffix of the file a writer creates when done")
    String markerSuffix() default ".done";

    @AttributeDefinition(description = "Seconds between looks at the folder", min = "0.05")
    double pollSeconds() default 0.5;

    @AttributeDefinition(description = "Make the folder when it is missing: for a local drop folder. Leave false for "
            + "a mount, so that a NAS that is not mounted is reported rather than papered over with an empty folder")
    boolean createFolder() default false;
}
