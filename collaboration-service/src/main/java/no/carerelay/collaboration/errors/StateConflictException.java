package no.carerelay.collaboration.errors;

import java.util.Set;
import java.util.UUID;

/** A resource's state does not allow the requested change; {@code allowed} lists what it does allow now. */
public class StateConflictException extends RuntimeException {

    private final String resource;
    private final UUID id;
    private final String current;
    private final String requested;
    private final Set<String> allowed;

    public StateConflictException(String resource, UUID id, String current, String requested, Set<String> allowed) {
        super(resource + " " + id + " is " + current + " and cannot become " + requested
                + (allowed.isEmpty() ? "; it is final" : "; from " + current + " it can become " + allowed));
        this.resource = resource;
        this.id = id;
        this.current = current;
        this.requested = requested;
        this.allowed = allowed;
    }

    public String resource() {
        return resource;
    }

    public UUID id() {
        return id;
    }

    public String current() {
        return current;
    }

    public String requested() {
        return requested;
    }

    public Set<String> allowed() {
        return allowed;
    }
}
