package no.carerelay.collaboration.errors;

/** No such resource (a task, a care-team member) by that id. */
public class NotFoundException extends RuntimeException {

    private final String resource;
    private final String id;

    public NotFoundException(String resource, Object id) {
        super(id == null ? "there is no " + resource : "there is no " + resource + " " + id);
        this.resource = resource;
        this.id = id == null ? null : id.toString();
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
