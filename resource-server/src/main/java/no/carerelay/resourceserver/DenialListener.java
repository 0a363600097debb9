package no.carerelay.resourceserver;

/**
 * Told of every request the filter chain refused, so a service can write it to its access log (the audit rules ask
 * that denials are logged as well as reads). Beans of this type are called in turn; one that throws does not stop
 * the refusal being answered.
 */
@FunctionalInterface
public interface DenialListener {

    void denied(Denial denial);
}
