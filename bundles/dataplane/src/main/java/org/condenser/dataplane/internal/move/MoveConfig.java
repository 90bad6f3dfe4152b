package org.condenser.dataplane.internal.move;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = MoveConfig.PID, name = "Condenser verified mover",
        description = "Copies every file a watcher announces to a destination folder (local or a mounted NAS), "
                + "verified by checksum and committed atomically. One factory configuration per destination.")
@interface MoveConfig {

    String PID = "org.condenser.move";

    @AttributeDefinition(description = "Name of this mover (its journal is journal/move-NAME.log)")
    String name();

    @AttributeDefinition(description = "Move the files this watcher announces (its name); empty for every watcher",
            required = false)
    String watcher() default "";

    @AttributeDefinition(description = "Destination folder (relative paths are under the runtime's home), "
            + "or sftp://user@host[:port]/folder")
    String destination();

    @AttributeDefinition(description = "SFTP: the private key file (relative to the runtime's home unless absolute)",
            required = false)
    String privateKey() default "";

    @AttributeDefinition(description = "SFTP: the known_hosts file the server's host key must be in", required = false)
    String knownHosts() default "";

    @AttributeDefinition(description = "SFTP: seconds to connect and for each reply", min = "1")
    double timeout() default 30;

    @AttributeDefinition(description = "Files copied at once", min = "1", max = "64")
    int parallel() default 2;

    @AttributeDefinition(description = "Delete each source once its verified copy is in place")
    boolean deleteSource() default false;
}
