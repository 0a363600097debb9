package no.carerelay.notification.web;

/** The request is valid but the resource's state does not allow it. */
class ConflictException extends RuntimeException {

    private final String type;

    ConflictException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    String type() {
        return type;
    }
}
