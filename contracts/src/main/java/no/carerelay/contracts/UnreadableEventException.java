package no.carerelay.contracts;

/**
 * A record that can never be processed, however often it is retried: missing CloudEvents headers, an unknown
 * type, JSON that is not JSON or that breaks the schema. Consumers send it straight to the dead-letter topic;
 * the message is the reason and never quotes the payload.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super(reason);
    }

    public UnreadableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
