package no.carerelay.notification.web;

/** The caller may call this endpoint, but not for what it asked (another municipality's subscriptions). */
class ForbiddenException extends RuntimeException {

    private final String type;

    ForbiddenException(String type, String detail) {
        super(detail);
        this.type = type;
    }

    String type() {
        return type;
    }
}
