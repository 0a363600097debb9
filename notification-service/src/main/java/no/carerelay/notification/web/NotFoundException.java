package no.carerelay.notification.web;

class NotFoundException extends RuntimeException {

    NotFoundException(String what) {
        super(what + " not found");
    }
}
