package no.carerelay.collaboration.errors;

/** Someone else changed the document since the version the caller based its change on. */
public class VersionConflictException extends RuntimeException {

    private final int currentVersion;

    public VersionConflictException(String resource, int currentVersion, int expectedVersion) {
        super(resource + " is at version " + currentVersion + ", the change was based on version " + expectedVersion
                + "; read it again and reapply the change");
        this.currentVersion = currentVersion;
    }

    public int currentVersion() {
        return currentVersion;
    }
}
