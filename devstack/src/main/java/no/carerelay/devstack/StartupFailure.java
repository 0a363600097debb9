package no.carerelay.devstack;

import java.nio.file.Path;

/** Something did not come up; {@link DevStack} prints the message and the tail of {@code log}. */
final class StartupFailure extends RuntimeException {

    private final transient Path log;

    StartupFailure(String message, Path log) {
        super(message);
        this.log = log;
    }

    Path log() {
        return log;
    }
}
